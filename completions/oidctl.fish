complete --keep-order --exclusive --command oidctl --arguments "(OIDCTL_COMPLETE=fish oidctl -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
