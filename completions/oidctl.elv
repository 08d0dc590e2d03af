
use builtin;
use str;

set edit:completion:arg-completer[oidctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'oidctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'oidctl'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Sign in: authorization code + PKCE through the browser and a loopback listener'
            cand token 'Print a valid access token, refreshing it first when needed'
            cand status 'Who is signed in: subject, issuer, scopes and expiry per profile (never a token)'
            cand logout 'Revoke the refresh token where possible and delete the stored tokens'
            cand profile 'Manage profiles in the config file'
            cand discover 'Show an issuer''s metadata, what oidctl will use of it, and the problems found in it'
            cand decode 'Show a JWT''s header, claims and signature, without verifying it'
            cand verify 'Verify a JWT''s signature and claims (exit 0 valid, 1 invalid)'
            cand claims 'Print claims: all as JSON, or the named ones one per line (strings raw)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oidctl;login'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --issuer 'Issuer URL (https, or http on a loopback host)'
            cand --tenant 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer'
            cand --client-id 'Client ID registered at the provider'
            cand --client-secret-file 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)'
            cand --scope 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]'
            cand --audience 'Audience, sent as the `audience` parameter (repeatable)'
            cand --resource 'Resource indicator (RFC 8707), sent as `resource` (repeatable)'
            cand --param 'Extra authorization parameter KEY=VALUE (repeatable)'
            cand --redirect-port 'Port of the loopback redirect listener [default: any free port]'
            cand --redirect-path 'Path of the redirect URI [default: /callback]'
            cand --redirect-host 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost'
            cand --ca-file 'Extra CA certificate (PEM) to trust for the provider'
            cand --store 'Where token sets are kept'
            cand --timeout 'Give up waiting for the browser after this many seconds'
            cand --prompt 'The prompt parameter (login, consent, select_account, none)'
            cand --login-hint 'The login_hint parameter (a user name or e-mail address)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-browser 'Print the URL instead of opening a browser'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;token'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --issuer 'Issuer URL (https, or http on a loopback host)'
            cand --tenant 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer'
            cand --client-id 'Client ID registered at the provider'
            cand --client-secret-file 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)'
            cand --scope 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]'
            cand --audience 'Audience, sent as the `audience` parameter (repeatable)'
            cand --resource 'Resource indicator (RFC 8707), sent as `resource` (repeatable)'
            cand --param 'Extra authorization parameter KEY=VALUE (repeatable)'
            cand --redirect-port 'Port of the loopback redirect listener [default: any free port]'
            cand --redirect-path 'Path of the redirect URI [default: /callback]'
            cand --redirect-host 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost'
            cand --ca-file 'Extra CA certificate (PEM) to trust for the provider'
            cand --store 'Where token sets are kept'
            cand --min-valid 'Refresh when the access token expires within this many seconds'
            cand -f 'f'
            cand --format 'format'
            cand --timeout 'With --login: give up waiting for the browser after this many seconds'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --id-token 'Print the ID token instead'
            cand --refresh-token 'Print the refresh token instead'
            cand --login 'Sign in through the browser when no token can be had otherwise'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;status'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --issuer 'Issuer URL (https, or http on a loopback host)'
            cand --tenant 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer'
            cand --client-id 'Client ID registered at the provider'
            cand --client-secret-file 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)'
            cand --scope 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]'
            cand --audience 'Audience, sent as the `audience` parameter (repeatable)'
            cand --resource 'Resource indicator (RFC 8707), sent as `resource` (repeatable)'
            cand --param 'Extra authorization parameter KEY=VALUE (repeatable)'
            cand --redirect-port 'Port of the loopback redirect listener [default: any free port]'
            cand --redirect-path 'Path of the redirect URI [default: /callback]'
            cand --redirect-host 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost'
            cand --ca-file 'Extra CA certificate (PEM) to trust for the provider'
            cand --store 'Where token sets are kept'
            cand -f 'f'
            cand --format 'format'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;logout'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --issuer 'Issuer URL (https, or http on a loopback host)'
            cand --tenant 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer'
            cand --client-id 'Client ID registered at the provider'
            cand --client-secret-file 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)'
            cand --scope 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]'
            cand --audience 'Audience, sent as the `audience` parameter (repeatable)'
            cand --resource 'Resource indicator (RFC 8707), sent as `resource` (repeatable)'
            cand --param 'Extra authorization parameter KEY=VALUE (repeatable)'
            cand --redirect-port 'Port of the loopback redirect listener [default: any free port]'
            cand --redirect-path 'Path of the redirect URI [default: /callback]'
            cand --redirect-host 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost'
            cand --ca-file 'Extra CA certificate (PEM) to trust for the provider'
            cand --store 'Where token sets are kept'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --end-session 'Also open the provider''s end_session_endpoint (with id_token_hint)'
            cand --no-browser 'With --end-session: print the URL instead of opening a browser'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;profile'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add or replace a profile'
            cand list 'List profiles'
            cand show 'Show a profile''s settings'
            cand remove 'Remove a profile (its stored tokens too)'
            cand default 'Make a profile the default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oidctl;profile;add'= {
            cand --issuer 'Issuer URL (https, or http on a loopback host)'
            cand --tenant 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer'
            cand --client-id 'Client ID registered at the provider'
            cand --client-secret-file 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)'
            cand --scope 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]'
            cand --audience 'Audience, sent as the `audience` parameter (repeatable)'
            cand --resource 'Resource indicator (RFC 8707), sent as `resource` (repeatable)'
            cand --param 'Extra authorization parameter KEY=VALUE (repeatable)'
            cand --redirect-port 'Port of the loopback redirect listener [default: any free port]'
            cand --redirect-path 'Path of the redirect URI [default: /callback]'
            cand --redirect-host 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost'
            cand --ca-file 'Extra CA certificate (PEM) to trust for the provider'
            cand --store 'Where token sets are kept'
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --default 'Also make it the default profile'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;profile;list'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;profile;show'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;profile;remove'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;profile;default'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;profile;help'= {
            cand add 'Add or replace a profile'
            cand list 'List profiles'
            cand show 'Show a profile''s settings'
            cand remove 'Remove a profile (its stored tokens too)'
            cand default 'Make a profile the default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oidctl;profile;help;add'= {
        }
        &'oidctl;profile;help;list'= {
        }
        &'oidctl;profile;help;show'= {
        }
        &'oidctl;profile;help;remove'= {
        }
        &'oidctl;profile;help;default'= {
        }
        &'oidctl;profile;help;help'= {
        }
        &'oidctl;discover'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --issuer 'Issuer URL (the same as ISSUER)'
            cand --tenant 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer'
            cand --ca-file 'Extra CA certificate (PEM) to trust for the provider'
            cand -f 'Output format; json carries the document exactly as received'
            cand --format 'Output format; json carries the document exactly as received'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --refresh 'Fetch the document again even when a cached copy is still fresh'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;decode'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -f 'Output format; json keeps the claims exactly as in the token'
            cand --format 'Output format; json keeps the claims exactly as in the token'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --access-token 'With --profile and no TOKEN: the stored access token instead of the ID token'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;verify'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --key 'Public key: PEM (SPKI or PKCS#1), PEM X.509 certificate, JWK or JWKS (detected)'
            cand --jwks-uri 'Fetch the keys from this JWKS URL'
            cand --issuer 'Discover the issuer''s jwks_uri; the token''s iss must then match the issuer'
            cand --secret-file 'HMAC secret (HS256/384/512): the file''s exact bytes'
            cand --audience 'Accept the token if its aud contains this (repeatable: any one matches)'
            cand --expected-issuer 'The token''s iss must equal this'
            cand --leeway 'Clock skew allowed for exp, nbf and iat, in seconds'
            cand --alg 'Allowed algorithm (repeatable) [default: any supported]'
            cand --now 'Check the time claims as of this instant (seconds since 1970, or RFC 3339) instead of now'
            cand -f 'Output format for a single token'
            cand --format 'Output format for a single token'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --access-token 'With --profile and no TOKEN: the stored access token instead of the ID token'
            cand --batch 'One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;claims'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --access-token 'With --profile and no TOKEN: the stored access token instead of the ID token'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;completions'= {
            cand -p 'Profile to use [default: the config''s default_profile]'
            cand --profile 'Profile to use [default: the config''s default_profile]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/oidctl/config.toml]'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;help'= {
            cand login 'login'
            cand token 'token'
            cand status 'status'
            cand logout 'logout'
            cand profile 'profile'
            cand discover 'discover'
            cand decode 'decode'
            cand verify 'verify'
            cand claims 'claims'
            cand completions 'completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oidctl;help;login'= {
        }
        &'oidctl;help;token'= {
        }
        &'oidctl;help;status'= {
        }
        &'oidctl;help;logout'= {
        }
        &'oidctl;help;profile'= {
        }
        &'oidctl;help;discover'= {
        }
        &'oidctl;help;decode'= {
        }
        &'oidctl;help;verify'= {
        }
        &'oidctl;help;claims'= {
        }
        &'oidctl;help;completions'= {
        }
        &'oidctl;help;help'= {
        }
    ]
    $completions[$command]
}
