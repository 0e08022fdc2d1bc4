-- The annex frame derived with each assessment (title, framing, diagrams, confidence), so reading
-- an annex does not load and re-derive the whole assessment.
alter table assessments add column annex jsonb
