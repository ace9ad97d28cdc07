"""PDF export, typeset by Typst: the page data built from the minutes (`document`), the block
shapes of stored minutes (`blocks`), and the compile (`typeset`)."""
