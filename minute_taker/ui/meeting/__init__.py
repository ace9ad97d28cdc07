"""The meeting as a whole: its header (committee, date, times, venue, chair), creating a
meeting, and the list model behind the meeting switcher."""
