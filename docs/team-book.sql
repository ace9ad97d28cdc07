-- A team book's database, set up once by whoever runs the PostgreSQL server, as a
-- superuser (psql -f team-book.sql). Change the names and passwords to your own.
--
-- Everyone in the team logs in as themselves and works as the team's role: the tables
-- Minute Taker makes the first time it opens the database belong to the team, so every
-- member can read and write them, and a member who leaves is dropped without taking
-- the book with them. (tests/store/test_team_book.py runs this script.)

CREATE ROLE minutes_team NOLOGIN;

CREATE ROLE jackie LOGIN PASSWORD 'change me' IN ROLE minutes_team;
ALTER ROLE jackie SET role = 'minutes_team';

CREATE ROLE louise LOGIN PASSWORD 'change me too' IN ROLE minutes_team;
ALTER ROLE louise SET role = 'minutes_team';

CREATE DATABASE committee_minutes OWNER minutes_team ENCODING 'UTF8' TEMPLATE template0;
