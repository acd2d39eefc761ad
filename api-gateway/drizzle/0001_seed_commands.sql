-- The default command words; the admin API adds, edits or disables commands later.
-- ON CONFLICT keeps an operator's own edits when the migration meets an existing row.
INSERT INTO "gateway"."commands" ("name", "description") VALUES
	('ask', 'Answer a question about the code, the issue or the thread (the default when no command word is given)'),
	('review', 'Review the pull request or the change under discussion'),
	('fix', 'Fix the reported problem and open a draft pull request'),
	('implement', 'Implement the requested change and open a draft pull request'),
	('plan', 'Write an implementation plan without changing code'),
	('help', 'List the commands the agent understands')
ON CONFLICT ("name") DO NOTHING;
