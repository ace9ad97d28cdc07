"""Rules of minute-taking that hold whatever stores or shows them: no Qt, no SQL."""
