# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oidctl_global_optspecs
    string join \n p/profile= config= color= v/verbose q/quiet h/help V/version
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

complete -c oidctl -n "__fish_oidctl_needs_command" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_needs_command" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_needs_command" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_needs_command" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_needs_command" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_needs_command" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "login" -d 'Sign in: authorization code + PKCE through the browser and a loopback listener'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "token" -d 'Print a valid access token, refreshing it first when needed'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "status" -d 'Who is signed in: subject, issuer, scopes and expiry per profile (never a token)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "logout" -d 'Revoke the refresh token where possible and delete the stored tokens'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "profile" -d 'Manage profiles in the config file'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "discover" -d 'Show an issuer\'s metadata, what oidctl will use of it, and the problems found in it'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "decode" -d 'Show a JWT\'s header, claims and signature, without verifying it'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "verify" -d 'Verify a JWT\'s signature and claims (exit 0 valid, 1 invalid)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "claims" -d 'Print claims: all as JSON, or the named ones one per line (strings raw)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l redirect-port -d 'Port of the loopback redirect listener [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l store -d 'Where token sets are kept' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l timeout -d 'Give up waiting for the browser after this many seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l prompt -d 'The prompt parameter (login, consent, select_account, none)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l login-hint -d 'The login_hint parameter (a user name or e-mail address)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l no-browser -d 'Print the URL instead of opening a browser'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l redirect-port -d 'Port of the loopback redirect listener [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l store -d 'Where token sets are kept' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l min-valid -d 'Refresh when the access token expires within this many seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s f -l format -r -f -a "raw\t'The token alone'
header\t'`Authorization: Bearer …`'
json\t'Token set facts and the token, as JSON'
env\t'`export OIDCTL_ACCESS_TOKEN=…` lines for eval'
exec-credential\t'kubectl\'s client.authentication.k8s.io/v1 ExecCredential'"
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l timeout -d 'With --login: give up waiting for the browser after this many seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l id-token -d 'Print the ID token instead'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l refresh-token -d 'Print the refresh token instead'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l login -d 'Sign in through the browser when no token can be had otherwise'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l redirect-port -d 'Port of the loopback redirect listener [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l store -d 'Where token sets are kept' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s f -l format -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l redirect-port -d 'Port of the loopback redirect listener [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l store -d 'Where token sets are kept' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l end-session -d 'Also open the provider\'s end_session_endpoint (with id_token_hint)'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l no-browser -d 'With --end-session: print the URL instead of opening a browser'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -f -a "add" -d 'Add or replace a profile'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -f -a "list" -d 'List profiles'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -f -a "show" -d 'Show a profile\'s settings'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -f -a "remove" -d 'Remove a profile (its stored tokens too)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -f -a "default" -d 'Make a profile the default'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-port -d 'Port of the loopback redirect listener [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l store -d 'Where token sets are kept' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l default -d 'Also make it the default profile'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add or replace a profile'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List profiles'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a profile\'s settings'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile (its stored tokens too)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "default" -d 'Make a profile the default'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l issuer -d 'Issuer URL (the same as ISSUER)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s f -l format -d 'Output format; json carries the document exactly as received' -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l refresh -d 'Fetch the document again even when a cached copy is still fresh'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s f -l format -d 'Output format; json keeps the claims exactly as in the token' -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l access-token -d 'With --profile and no TOKEN: the stored access token instead of the ID token'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
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
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l access-token -d 'With --profile and no TOKEN: the stored access token instead of the ID token'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l batch -d 'One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -l access-token -d 'With --profile and no TOKEN: the stored access token instead of the ID token'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s p -l profile -d 'Profile to use [default: the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "login"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "token"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "status"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "logout"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "profile"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "discover"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "decode"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "verify"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "claims"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "completions"
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
