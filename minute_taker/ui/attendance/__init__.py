"""Who is there and who may be: the attendance panel (a dock) with comings and goings,
declarations of interest, and the committee's settings (members, numbering, standing items,
abbreviations), with the keyboard-only table editors they share."""
