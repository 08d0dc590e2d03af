# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oidctl_global_optspecs
    string join \n color= v/verbose q/quiet h/help V/version
end

function __fish_oidctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_oidctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_oidctl_using_subcommand
    set -l cmd (__fish_oidctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c oidctl -n "__fish_oidctl_needs_command" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_needs_command" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_needs_command" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_needs_command" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "decode" -d 'Show a JWT\'s header, claims and signature, without verifying it'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "verify" -d 'Verify a JWT\'s signature and claims (exit 0 valid, 1 invalid)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "claims" -d 'Print claims: all as JSON, or the named ones one per line (strings raw)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s f -l format -d 'Output format; json keeps the claims exactly as in the token' -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l key -d 'Public key: PEM (SPKI or PKCS#1), PEM X.509 certificate, JWK or JWKS (detected)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l jwks-uri -d 'Fetch the keys from this JWKS URL' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l issuer -d 'Discover the issuer\'s jwks_uri; the token\'s iss must then match the issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l secret-file -d 'HMAC secret (HS256/384/512): the file\'s exact bytes' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l audience -d 'Accept the token if its aud contains this (repeatable: any one matches)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l expected-issuer -d 'The token\'s iss must equal this' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l leeway -d 'Clock skew allowed for exp, nbf and iat, in seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l alg -d 'Allowed algorithm (repeatable) [default: any supported]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l now -d 'Check the time claims as of this instant (seconds since 1970, or RFC 3339) instead of now' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s f -l format -d 'Output format for a single token' -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l batch -d 'One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from decode verify claims completions help" -f -a "decode" -d 'Show a JWT\'s header, claims and signature, without verifying it'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from decode verify claims completions help" -f -a "verify" -d 'Verify a JWT\'s signature and claims (exit 0 valid, 1 invalid)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from decode verify claims completions help" -f -a "claims" -d 'Print claims: all as JSON, or the named ones one per line (strings raw)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from decode verify claims completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from decode verify claims completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
