-- A member's role (docs/design.md, "Witness"): 'full' runs groups, 'witness' only votes.
-- An invitation says which role its joiner gets.
ALTER TABLE members ADD COLUMN role TEXT NOT NULL DEFAULT 'full';
ALTER TABLE invitations ADD COLUMN role TEXT NOT NULL DEFAULT 'full';
