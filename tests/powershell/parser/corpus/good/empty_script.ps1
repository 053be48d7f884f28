
# nothing but a comment
