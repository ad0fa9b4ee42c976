# mmviz: --lang de
# the replacement-policy lab in German (docs/commands.md CMD-POLICIES)
policies --frames 3 1 2 3 4 2 5 2
