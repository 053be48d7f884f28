'No $expansion here'
'It''s doubled'
'Multi
line'
