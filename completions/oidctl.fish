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

complete -c oidctl -n "__fish_oidctl_needs_command" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_needs_command" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_needs_command" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_needs_command" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_needs_command" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_needs_command" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_needs_command" -s V -l version -d 'Print version'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "login" -d 'Sign in: through the browser (default), with a device code, or as a client with no user'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "token" -d 'Print a valid access token, refreshing it first when needed'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "status" -d 'Who is signed in: subject, issuer, scopes and expiry per profile (never a token)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "logout" -d 'Revoke the refresh token where possible and delete the stored tokens'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "profile" -d 'Manage profiles in the config file'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "discover" -d 'Show an issuer\'s metadata, what oidctl will use of it, and the problems found in it'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "decode" -d 'Show a JWT\'s header, claims and signature, without verifying it'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "verify" -d 'Verify a JWT\'s signature and claims (exit 0 valid, 1 invalid)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "claims" -d 'Print claims: all as JSON, or the named ones one per line (strings raw)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "encrypt" -d 'Make an encrypted token (compact JWE) for tests, to a public key or a shared secret'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "userinfo" -d 'Call the userinfo endpoint with the stored access token'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "introspect" -d 'Ask the provider whether a token is active (RFC 7662 introspection)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "revoke" -d 'Revoke a token at the provider (RFC 7009)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "exchange" -d 'Exchange a token for another audience or scope (RFC 8693 token exchange)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "call" -d 'Send an HTTP request with a fresh access token'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "exec" -d 'Run a command with a fresh access token in its environment'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "serve" -d 'Run a local OpenID Connect provider for development and tests (never for production)'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "demo" -d 'Start a development provider in this process, sign in to it, show the result, and stop'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "sign" -d 'Make a signed JWT (JWS) from claims, or edit and re-sign one, for tests'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "jwk" -d 'Make, convert and inspect keys: generate, public, convert, thumbprint, set'
complete -c oidctl -n "__fish_oidctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
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
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l timeout -d 'Give up waiting for the browser (or the device code) after this many seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l prompt -d 'The prompt parameter (login, consent, select_account, none)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l login-hint -d 'The login_hint parameter (a user name or e-mail address)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l device -d 'Sign in with the device authorization grant (RFC 8628)'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l client-credentials -d 'Sign in as the client itself (client credentials grant): no user, no browser'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l no-browser -d 'Print the URL instead of opening a browser'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -l paste -d 'Print the URL, then paste the address the browser ends on (sign in on another machine)'
complete -c oidctl -n "__fish_oidctl_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
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
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l min-valid -d 'Refresh when the token expires within this many seconds [default: 60, or half the token\'s lifetime when that is shorter]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s f -l format -r -f -a "raw\t'The token alone'
header\t'`Authorization: Bearer …`'
json\t'Token set facts and the token, as JSON'
env\t'`export OIDCTL_ACCESS_TOKEN=…` lines for eval'
exec-credential\t'kubectl\'s client.authentication.k8s.io/v1 ExecCredential'"
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l timeout -d 'With --login: give up waiting for the browser after this many seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l id-token -d 'Print the ID token instead'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l refresh-token -d 'Print the refresh token instead'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -l login -d 'Sign in through the browser when no token can be had otherwise'
complete -c oidctl -n "__fish_oidctl_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
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
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s f -l format -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
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
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l end-session -d 'Also open the provider\'s end_session_endpoint (with id_token_hint)'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -l no-browser -d 'With --end-session: print the URL instead of opening a browser'
complete -c oidctl -n "__fish_oidctl_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove default help" -s h -l help -d 'Print help'
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
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l flow -d 'How `login` signs in by default: browser, device or client-credentials' -r -f -a "browser\t'Authorization code + PKCE through the browser and a loopback listener'
device\t'Device authorization grant (RFC 8628): a code to enter on another device'
client-credentials\t'Client credentials: a confidential client acting for itself, no user'"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l default -d 'Also make it the default profile'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add or replace a profile'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List profiles'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a profile\'s settings'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile (its stored tokens too)'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "default" -d 'Make a profile the default'
complete -c oidctl -n "__fish_oidctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l issuer -d 'Issuer URL (the same as ISSUER)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s f -l format -d 'Output format; json carries the document exactly as received' -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -l refresh -d 'Fetch the document again even when a cached copy is still fresh'
complete -c oidctl -n "__fish_oidctl_using_subcommand discover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s f -l format -d 'Output format; json keeps the claims exactly as in the token' -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l decrypt-key -d 'Open an encrypted token (JWE) with this private key: PEM or JWK; a JWK {"kty":"oct"} for dir and A*KW' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -l access-token -d 'With --profile and no TOKEN: the stored access token instead of the ID token'
complete -c oidctl -n "__fish_oidctl_using_subcommand decode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
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
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l decrypt-key -d 'Open an encrypted token (JWE) with this private key: PEM or JWK; a JWK {"kty":"oct"} for dir and A*KW' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l access-token -d 'With --profile and no TOKEN: the stored access token instead of the ID token'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -l batch -d 'One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid'
complete -c oidctl -n "__fish_oidctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -l access-token -d 'With --profile and no TOKEN: the stored access token instead of the ID token'
complete -c oidctl -n "__fish_oidctl_using_subcommand claims" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -l key -d 'The recipient\'s key: PEM public key or certificate, or a JWK (a private key works too); a JWK {"kty":"oct"} for dir and A*KW' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -l alg -d 'Key management algorithm [default: by the key\'s type]' -r -f -a "RSA-OAEP\t''
RSA-OAEP-256\t''
ECDH-ES\t''
ECDH-ES+A128KW\t''
ECDH-ES+A192KW\t''
ECDH-ES+A256KW\t''
A128KW\t''
A192KW\t''
A256KW\t''
dir\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -l enc -d 'Content encryption [default: A256GCM; with dir, the one the key\'s size fits]' -r -f -a "A128GCM\t''
A192GCM\t''
A256GCM\t''
A128CBC-HS256\t''
A192CBC-HS384\t''
A256CBC-HS512\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -l cty -d 'The header\'s cty [default: JWT when the payload is a JWT, else none]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand encrypt" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -s f -l format -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand userinfo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l token-type-hint -d 'token_type_hint sent with the token (access_token, refresh_token)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -s f -l format -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -l refresh-token -d 'Introspect the stored refresh token instead'
complete -c oidctl -n "__fish_oidctl_using_subcommand introspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l token-type-hint -d 'token_type_hint sent with the token (access_token, refresh_token)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -s f -l format -r -f -a "human\t'For people: aligned, annotated, coloured on a terminal'
json\t'For programs: JSON on stdout'"
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l access-token -d 'Revoke the stored access token'
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -l refresh-token -d 'Revoke the stored refresh token'
complete -c oidctl -n "__fish_oidctl_using_subcommand revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l subject-token -d 'The token to exchange, or a file holding it (or @FILE); `-` reads stdin [default: the stored access token]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l subject-token-type -d 'Type of the subject token' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l requested-token-type -d 'Type of token wanted' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -s f -l format -r -f -a "raw\t'The token alone'
header\t'`Authorization: Bearer …`'
json\t'Token set facts and the token, as JSON'
env\t'`export OIDCTL_ACCESS_TOKEN=…` lines for eval'
exec-credential\t'kubectl\'s client.authentication.k8s.io/v1 ExecCredential'"
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand exchange" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -s X -l request -d 'The method, as curl\'s -X takes it (the same as the METHOD word)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -s H -l header -d 'Request header \'Name: value\' (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -s d -l data -d 'Request body; @FILE reads a file, @- reads stdin' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand call" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l issuer -d 'Issuer URL (https, or http on a loopback host)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l tenant -d 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l client-id -d 'Client ID registered at the provider' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l client-secret-file -d 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l scope -d 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l audience -d 'Audience, sent as the `audience` parameter (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l resource -d 'Resource indicator (RFC 8707), sent as `resource` (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l param -d 'Extra authorization parameter KEY=VALUE (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l redirect-port -d 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l redirect-path -d 'Path of the redirect URI [default: /callback]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l redirect-host -d 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l ca-file -d 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile\'s ca_file]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l store -d 'Where token sets are kept [default: $OIDCTL_STORE, else the profile\'s or the config\'s store, else keyring]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
file\t'A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring'"
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l client-auth -d 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]' -r -f -a "basic\t'client_secret_basic: the secret in an HTTP Basic Authorization header'
post\t'client_secret_post: the secret in the form body'
private-key-jwt\t'private_key_jwt: a JWT signed with --client-assertion-key'
none\t'A public client: only client_id in the form body'"
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l client-assertion-key -d 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l client-assertion-alg -d 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l client-assertion-kid -d 'kid header of the client assertion, where the provider selects keys by kid' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -l origin -d 'Origin header for token requests (clients registered as single-page applications)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l port -d 'Port to listen on; 0 picks any free port' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l issuer-host -d 'Host of the issuer URL, also where to listen: 127.0.0.1, localhost or [::1] (loopback only)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l preset -d 'Shape of the tokens: plain OpenID Connect, Microsoft Entra ID v2.0, or Keycloak' -r -f -a "plain\t'OpenID Connect Core claims; access tokens as RFC 9068 JWTs (typ at+jwt)'
entra\t'Microsoft Entra ID v2.0: tid, oid, scp, roles, ver, azp, pairwise sub'
keycloak\t'Keycloak: realm issuer, typ, azp, realm_access.roles, preferred_username'"
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l claims -d 'Users and their claims, JSON: {"users": {"NAME": {CLAIM: VALUE, …}, …}} [default: alice, bob]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l user -d 'Approve every sign-in at once as this user (implies --auto-approve)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l keys -d 'Signing keys (PEM): read when the file exists, else made and written there (0600)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l alg -d 'Signing algorithm of every token' -r -f -a "RS256\t''
ES256\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l token-ttl -d 'Lifetime of access and ID tokens, in seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l client -d 'Register a confidential client, ID:SECRET (repeatable; made-up development secrets only)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l redirect-uri -d 'Allow this redirect URI besides loopback ones (repeatable; matched exactly)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l device-interval -d 'Polling interval the device flow asks for, in seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -l auto-approve -d 'Approve every sign-in at once, as the first user (or --user): no sign-in page'
complete -c oidctl -n "__fish_oidctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -l preset -d 'Shape of the tokens' -r -f -a "plain\t'OpenID Connect Core claims; access tokens as RFC 9068 JWTs (typ at+jwt)'
entra\t'Microsoft Entra ID v2.0: tid, oid, scp, roles, ver, azp, pairwise sub'
keycloak\t'Keycloak: realm issuer, typ, azp, realm_access.roles, preferred_username'"
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -l timeout -d 'Give up waiting for the browser after this many seconds' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -l no-browser -d 'Use no browser: the sign-in is approved at once'
complete -c oidctl -n "__fish_oidctl_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l key -d 'Private key: PEM (PKCS#8, PKCS#1 or SEC1) or a private JWK (an oct JWK for HMAC)' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l secret-file -d 'HMAC secret (HS256/384/512): the file\'s exact bytes' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l serve-keys -d 'The development provider\'s key file (`oidctl serve --keys FILE`): RS256, or ES256' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l alg -d 'Algorithm [default: from the key]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l claims -d 'Claims as a JSON object; @FILE reads a file, - reads stdin' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l from -d 'Start from this token\'s claims (to edit and re-sign): the token, a file holding it (or @FILE), `-` for stdin; not verified' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l claim -d 'Claim KEY=VALUE, VALUE as JSON when it is valid JSON, else a string (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l iss -d 'iss claim' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l sub -d 'sub claim' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l aud -d 'aud claim (repeatable: more than one makes an array)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l jti -d 'jti claim' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l exp -d 'exp claim: +30m, now, seconds since 1970 or RFC 3339' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l nbf -d 'nbf claim: now, -5m, seconds since 1970 or RFC 3339' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l iat -d 'iat claim [default: now, unless the claims have one or --from is given]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l kid -d 'kid header [default: the JWK\'s kid, else the key\'s RFC 7638 thumbprint]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l typ -d 'typ header' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l header -d 'Header KEY=VALUE, VALUE as JSON when valid JSON (repeatable)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -l no-iat -d 'Leave iat out (unless the claims have it)'
complete -c oidctl -n "__fish_oidctl_using_subcommand sign" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "generate" -d 'Make a new private key (RSA, EC P-256/384/521, Ed25519)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "public" -d 'Print the public part of a key'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "convert" -d 'Convert a key between PEM and JWK (a certificate gives its public key)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "thumbprint" -d 'Print a key\'s RFC 7638 thumbprint (SHA-256, base64url)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "set" -d 'Make one JWKS of the public parts of keys (each given a kid: its own, else its thumbprint)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -l bits -d 'RSA key size: 2048, 3072 or 4096 bits' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -s f -l format -d 'Output format [default: pem when --out ends in .pem, else jwk]' -r -f -a "jwk\t'A JSON Web Key (RFC 7517)'
pem\t'PEM: PKCS#8 for private keys, SubjectPublicKeyInfo for public ones'"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -l kid -d 'kid member of the JWK' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -l use -d 'use member of the JWK (sig or enc)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -l alg -d 'alg member of the JWK (must fit the key)' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -l out -d 'Write to this file (0600) instead of stdout' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -s f -l format -d 'Output format [default: that of the input]' -r -f -a "jwk\t'A JSON Web Key (RFC 7517)'
pem\t'PEM: PKCS#8 for private keys, SubjectPublicKeyInfo for public ones'"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -l out -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from public" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -l to -d 'Output format [default: JWK for PEM input, PEM for JWK input]' -r -f -a "jwk\t'A JSON Web Key (RFC 7517)'
pem\t'PEM: PKCS#8 for private keys, SubjectPublicKeyInfo for public ones'"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -l out -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from set" -l out -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from set" -s p -l profile -d 'Profile to use [default: $OIDCTL_PROFILE, else the config\'s default_profile]' -r
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from set" -l config -d 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]' -r -F
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from set" -l color -d 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Make a new private key (RSA, EC P-256/384/521, Ed25519)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "public" -d 'Print the public part of a key'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert a key between PEM and JWK (a certificate gives its public key)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "thumbprint" -d 'Print a key\'s RFC 7638 thumbprint (SHA-256, base64url)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "set" -d 'Make one JWKS of the public parts of keys (each given a kid: its own, else its thumbprint)'
complete -c oidctl -n "__fish_oidctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "login" -d 'Sign in: through the browser (default), with a device code, or as a client with no user'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "token" -d 'Print a valid access token, refreshing it first when needed'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "status" -d 'Who is signed in: subject, issuer, scopes and expiry per profile (never a token)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "logout" -d 'Revoke the refresh token where possible and delete the stored tokens'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "profile" -d 'Manage profiles in the config file'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "discover" -d 'Show an issuer\'s metadata, what oidctl will use of it, and the problems found in it'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "decode" -d 'Show a JWT\'s header, claims and signature, without verifying it'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "verify" -d 'Verify a JWT\'s signature and claims (exit 0 valid, 1 invalid)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "claims" -d 'Print claims: all as JSON, or the named ones one per line (strings raw)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "encrypt" -d 'Make an encrypted token (compact JWE) for tests, to a public key or a shared secret'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "userinfo" -d 'Call the userinfo endpoint with the stored access token'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "introspect" -d 'Ask the provider whether a token is active (RFC 7662 introspection)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "revoke" -d 'Revoke a token at the provider (RFC 7009)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "exchange" -d 'Exchange a token for another audience or scope (RFC 8693 token exchange)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "call" -d 'Send an HTTP request with a fresh access token'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "exec" -d 'Run a command with a fresh access token in its environment'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "completions" -d 'Print a shell completion script'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "serve" -d 'Run a local OpenID Connect provider for development and tests (never for production)'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "demo" -d 'Start a development provider in this process, sign in to it, show the result, and stop'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "sign" -d 'Make a signed JWT (JWS) from claims, or edit and re-sign one, for tests'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "jwk" -d 'Make, convert and inspect keys: generate, public, convert, thumbprint, set'
complete -c oidctl -n "__fish_oidctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profile discover decode verify claims encrypt userinfo introspect revoke exchange call exec completions serve demo sign jwk help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
