
set edit:completion:arg-completer[oidctl] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) OIDCTL_COMPLETE="elvish" oidctl -- $@words) | to-lines
}

