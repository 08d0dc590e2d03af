
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'oidctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'oidctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'oidctl' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in: through the browser (default), with a device code, or as a client with no user')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a valid access token, refreshing it first when needed')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Who is signed in: subject, issuer, scopes and expiry per profile (never a token)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke the refresh token where possible and delete the stored tokens')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage profiles in the config file')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Show an issuer''s metadata, what oidctl will use of it, and the problems found in it')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a JWT''s header, claims and signature, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a JWT''s signature and claims (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('claims', 'claims', [CompletionResultType]::ParameterValue, 'Print claims: all as JSON, or the named ones one per line (strings raw)')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Make an encrypted token (compact JWE) for tests, to a public key or a shared secret')
            [CompletionResult]::new('userinfo', 'userinfo', [CompletionResultType]::ParameterValue, 'Call the userinfo endpoint with the stored access token')
            [CompletionResult]::new('introspect', 'introspect', [CompletionResultType]::ParameterValue, 'Ask the provider whether a token is active (RFC 7662 introspection)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at the provider (RFC 7009)')
            [CompletionResult]::new('exchange', 'exchange', [CompletionResultType]::ParameterValue, 'Exchange a token for another audience or scope (RFC 8693 token exchange)')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Send an HTTP request with a fresh access token')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with a fresh access token in its environment')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OpenID Connect provider for development and tests (never for production)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start a development provider in this process, sign in to it, show the result, and stop')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Make a signed JWT (JWS) from claims, or edit and re-sign one, for tests')
            [CompletionResult]::new('jwk', 'jwk', [CompletionResultType]::ParameterValue, 'Make, convert and inspect keys: generate, public, convert, thumbprint, set')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidctl;login' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting for the browser (or the device code) after this many seconds')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'The prompt parameter (login, consent, select_account, none)')
            [CompletionResult]::new('--login-hint', '--login-hint', [CompletionResultType]::ParameterName, 'The login_hint parameter (a user name or e-mail address)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Sign in with the device authorization grant (RFC 8628)')
            [CompletionResult]::new('--client-credentials', '--client-credentials', [CompletionResultType]::ParameterName, 'Sign in as the client itself (client credentials grant): no user, no browser')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the URL instead of opening a browser')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Print the URL, then paste the address the browser ends on (sign in on another machine)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;token' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('--min-valid', '--min-valid', [CompletionResultType]::ParameterName, 'Refresh when the token expires within this many seconds [default: 60, or half the token''s lifetime when that is shorter]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'f')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --login: give up waiting for the browser after this many seconds')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--id-token', '--id-token', [CompletionResultType]::ParameterName, 'Print the ID token instead')
            [CompletionResult]::new('--refresh-token', '--refresh-token', [CompletionResultType]::ParameterName, 'Print the refresh token instead')
            [CompletionResult]::new('--login', '--login', [CompletionResultType]::ParameterName, 'Sign in through the browser when no token can be had otherwise')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'f')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;logout' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--end-session', '--end-session', [CompletionResultType]::ParameterName, 'Also open the provider''s end_session_endpoint (with id_token_hint)')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'With --end-session: print the URL instead of opening a browser')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;profile' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add or replace a profile')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile (its stored tokens too)')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidctl;profile;add' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'How `login` signs in by default: browser, device or client-credentials')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Also make it the default profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;profile;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;profile;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;profile;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;profile;default' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;profile;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add or replace a profile')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile (its stored tokens too)')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidctl;profile;help;add' {
            break
        }
        'oidctl;profile;help;list' {
            break
        }
        'oidctl;profile;help;show' {
            break
        }
        'oidctl;profile;help;remove' {
            break
        }
        'oidctl;profile;help;default' {
            break
        }
        'oidctl;profile;help;help' {
            break
        }
        'oidctl;discover' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (the same as ISSUER)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format; json carries the document exactly as received')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format; json carries the document exactly as received')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Fetch the document again even when a cached copy is still fresh')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;decode' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format; json keeps the claims exactly as in the token')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format; json keeps the claims exactly as in the token')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Open an encrypted token (JWE) with this private key: PEM or JWK; a JWK {"kty":"oct"} for dir and A*KW')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'With --profile and no TOKEN: the stored access token instead of the ID token')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;verify' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Public key: PEM (SPKI or PKCS#1), PEM X.509 certificate, JWK or JWKS (detected)')
            [CompletionResult]::new('--jwks-uri', '--jwks-uri', [CompletionResultType]::ParameterName, 'Fetch the keys from this JWKS URL')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover the issuer''s jwks_uri; the token''s iss must then match the issuer')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'HMAC secret (HS256/384/512): the file''s exact bytes')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Accept the token if its aud contains this (repeatable: any one matches)')
            [CompletionResult]::new('--expected-issuer', '--expected-issuer', [CompletionResultType]::ParameterName, 'The token''s iss must equal this')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew allowed for exp, nbf and iat, in seconds')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Allowed algorithm (repeatable) [default: any supported]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Check the time claims as of this instant (seconds since 1970, or RFC 3339) instead of now')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format for a single token')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for a single token')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Open an encrypted token (JWE) with this private key: PEM or JWK; a JWK {"kty":"oct"} for dir and A*KW')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'With --profile and no TOKEN: the stored access token instead of the ID token')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;claims' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'With --profile and no TOKEN: the stored access token instead of the ID token')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;encrypt' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The recipient''s key: PEM public key or certificate, or a JWK (a private key works too); a JWK {"kty":"oct"} for dir and A*KW')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Key management algorithm [default: by the key''s type]')
            [CompletionResult]::new('--enc', '--enc', [CompletionResultType]::ParameterName, 'Content encryption [default: A256GCM; with dir, the one the key''s size fits]')
            [CompletionResult]::new('--cty', '--cty', [CompletionResultType]::ParameterName, 'The header''s cty [default: JWT when the payload is a JWT, else none]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;userinfo' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'f')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;introspect' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--token-type-hint', '--token-type-hint', [CompletionResultType]::ParameterName, 'token_type_hint sent with the token (access_token, refresh_token)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'f')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--refresh-token', '--refresh-token', [CompletionResultType]::ParameterName, 'Introspect the stored refresh token instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;revoke' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--token-type-hint', '--token-type-hint', [CompletionResultType]::ParameterName, 'token_type_hint sent with the token (access_token, refresh_token)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'f')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'Revoke the stored access token')
            [CompletionResult]::new('--refresh-token', '--refresh-token', [CompletionResultType]::ParameterName, 'Revoke the stored refresh token')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;exchange' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--subject-token', '--subject-token', [CompletionResultType]::ParameterName, 'The token to exchange, or a file holding it (or @FILE); `-` reads stdin [default: the stored access token]')
            [CompletionResult]::new('--subject-token-type', '--subject-token-type', [CompletionResultType]::ParameterName, 'Type of the subject token')
            [CompletionResult]::new('--requested-token-type', '--requested-token-type', [CompletionResultType]::ParameterName, 'Type of token wanted')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'f')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;call' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The method, as curl''s -X takes it (the same as the METHOD word)')
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'The method, as curl''s -X takes it (the same as the METHOD word)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Request body; @FILE reads a file, @- reads stdin')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Request body; @FILE reads a file, @- reads stdin')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;exec' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL (https, or http on a loopback host)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID registered at the provider')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'File holding the client secret of a confidential client (or set OIDCTL_CLIENT_SECRET)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience, sent as the `audience` parameter (repeatable)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707), sent as `resource` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra authorization parameter KEY=VALUE (repeatable)')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'Path of the redirect URI [default: /callback]')
            [CompletionResult]::new('--redirect-host', '--redirect-host', [CompletionResultType]::ParameterName, 'Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile''s ca_file]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token sets are kept [default: $OIDCTL_STORE, else the profile''s or the config''s store, else keyring]')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]')
            [CompletionResult]::new('--client-assertion-key', '--client-assertion-key', [CompletionResultType]::ParameterName, 'Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]')
            [CompletionResult]::new('--client-assertion-alg', '--client-assertion-alg', [CompletionResultType]::ParameterName, 'Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)')
            [CompletionResult]::new('--client-assertion-kid', '--client-assertion-kid', [CompletionResultType]::ParameterName, 'kid header of the client assertion, where the provider selects keys by kid')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin header for token requests (clients registered as single-page applications)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;completions' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;serve' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on; 0 picks any free port')
            [CompletionResult]::new('--issuer-host', '--issuer-host', [CompletionResultType]::ParameterName, 'Host of the issuer URL, also where to listen: 127.0.0.1, localhost or [::1] (loopback only)')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Shape of the tokens: plain OpenID Connect, Microsoft Entra ID v2.0, or Keycloak')
            [CompletionResult]::new('--claims', '--claims', [CompletionResultType]::ParameterName, 'Users and their claims, JSON: {"users": {"NAME": {CLAIM: VALUE, …}, …}} [default: alice, bob]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Approve every sign-in at once as this user (implies --auto-approve)')
            [CompletionResult]::new('--keys', '--keys', [CompletionResultType]::ParameterName, 'Signing keys (PEM): read when the file exists, else made and written there (0600)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm of every token')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of access and ID tokens, in seconds')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Register a confidential client, ID:SECRET (repeatable; made-up development secrets only)')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'Allow this redirect URI besides loopback ones (repeatable; matched exactly)')
            [CompletionResult]::new('--device-interval', '--device-interval', [CompletionResultType]::ParameterName, 'Polling interval the device flow asks for, in seconds')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Approve every sign-in at once, as the first user (or --user): no sign-in page')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;demo' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Shape of the tokens')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting for the browser after this many seconds')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Use no browser: the sign-in is approved at once')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;sign' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key: PEM (PKCS#8, PKCS#1 or SEC1) or a private JWK (an oct JWK for HMAC)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'HMAC secret (HS256/384/512): the file''s exact bytes')
            [CompletionResult]::new('--serve-keys', '--serve-keys', [CompletionResultType]::ParameterName, 'The development provider''s key file (`oidctl serve --keys FILE`): RS256, or ES256')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm [default: from the key]')
            [CompletionResult]::new('--claims', '--claims', [CompletionResultType]::ParameterName, 'Claims as a JSON object; @FILE reads a file, - reads stdin')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start from this token''s claims (to edit and re-sign): the token, a file holding it (or @FILE), `-` for stdin; not verified')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Claim KEY=VALUE, VALUE as JSON when it is valid JSON, else a string (repeatable)')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'iss claim')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'sub claim')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'aud claim (repeatable: more than one makes an array)')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, 'jti claim')
            [CompletionResult]::new('--exp', '--exp', [CompletionResultType]::ParameterName, 'exp claim: +30m, now, seconds since 1970 or RFC 3339')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'nbf claim: now, -5m, seconds since 1970 or RFC 3339')
            [CompletionResult]::new('--iat', '--iat', [CompletionResultType]::ParameterName, 'iat claim [default: now, unless the claims have one or --from is given]')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'kid header [default: the JWK''s kid, else the key''s RFC 7638 thumbprint]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'typ header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Header KEY=VALUE, VALUE as JSON when valid JSON (repeatable)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--no-iat', '--no-iat', [CompletionResultType]::ParameterName, 'Leave iat out (unless the claims have it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;jwk' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make a new private key (RSA, EC P-256/384/521, Ed25519)')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Print the public part of a key')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a key between PEM and JWK (a certificate gives its public key)')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print a key''s RFC 7638 thumbprint (SHA-256, base64url)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Make one JWKS of the public parts of keys (each given a kid: its own, else its thumbprint)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidctl;jwk;generate' {
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'RSA key size: 2048, 3072 or 4096 bits')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: pem when --out ends in .pem, else jwk]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: pem when --out ends in .pem, else jwk]')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'kid member of the JWK')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'use member of the JWK (sig or enc)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'alg member of the JWK (must fit the key)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (0600) instead of stdout')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;jwk;public' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: that of the input]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: that of the input]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'out')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;jwk;convert' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Output format [default: JWK for PEM input, PEM for JWK input]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'out')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidctl;jwk;thumbprint' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;jwk;set' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'out')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $OIDCTL_PROFILE, else the config''s default_profile]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidctl;jwk;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make a new private key (RSA, EC P-256/384/521, Ed25519)')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Print the public part of a key')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a key between PEM and JWK (a certificate gives its public key)')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print a key''s RFC 7638 thumbprint (SHA-256, base64url)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Make one JWKS of the public parts of keys (each given a kid: its own, else its thumbprint)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidctl;jwk;help;generate' {
            break
        }
        'oidctl;jwk;help;public' {
            break
        }
        'oidctl;jwk;help;convert' {
            break
        }
        'oidctl;jwk;help;thumbprint' {
            break
        }
        'oidctl;jwk;help;set' {
            break
        }
        'oidctl;jwk;help;help' {
            break
        }
        'oidctl;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in: through the browser (default), with a device code, or as a client with no user')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a valid access token, refreshing it first when needed')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Who is signed in: subject, issuer, scopes and expiry per profile (never a token)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke the refresh token where possible and delete the stored tokens')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage profiles in the config file')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Show an issuer''s metadata, what oidctl will use of it, and the problems found in it')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a JWT''s header, claims and signature, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a JWT''s signature and claims (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('claims', 'claims', [CompletionResultType]::ParameterValue, 'Print claims: all as JSON, or the named ones one per line (strings raw)')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Make an encrypted token (compact JWE) for tests, to a public key or a shared secret')
            [CompletionResult]::new('userinfo', 'userinfo', [CompletionResultType]::ParameterValue, 'Call the userinfo endpoint with the stored access token')
            [CompletionResult]::new('introspect', 'introspect', [CompletionResultType]::ParameterValue, 'Ask the provider whether a token is active (RFC 7662 introspection)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at the provider (RFC 7009)')
            [CompletionResult]::new('exchange', 'exchange', [CompletionResultType]::ParameterValue, 'Exchange a token for another audience or scope (RFC 8693 token exchange)')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Send an HTTP request with a fresh access token')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with a fresh access token in its environment')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OpenID Connect provider for development and tests (never for production)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start a development provider in this process, sign in to it, show the result, and stop')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Make a signed JWT (JWS) from claims, or edit and re-sign one, for tests')
            [CompletionResult]::new('jwk', 'jwk', [CompletionResultType]::ParameterValue, 'Make, convert and inspect keys: generate, public, convert, thumbprint, set')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidctl;help;login' {
            break
        }
        'oidctl;help;token' {
            break
        }
        'oidctl;help;status' {
            break
        }
        'oidctl;help;logout' {
            break
        }
        'oidctl;help;profile' {
            break
        }
        'oidctl;help;discover' {
            break
        }
        'oidctl;help;decode' {
            break
        }
        'oidctl;help;verify' {
            break
        }
        'oidctl;help;claims' {
            break
        }
        'oidctl;help;encrypt' {
            break
        }
        'oidctl;help;userinfo' {
            break
        }
        'oidctl;help;introspect' {
            break
        }
        'oidctl;help;revoke' {
            break
        }
        'oidctl;help;exchange' {
            break
        }
        'oidctl;help;call' {
            break
        }
        'oidctl;help;exec' {
            break
        }
        'oidctl;help;completions' {
            break
        }
        'oidctl;help;serve' {
            break
        }
        'oidctl;help;demo' {
            break
        }
        'oidctl;help;sign' {
            break
        }
        'oidctl;help;jwk' {
            break
        }
        'oidctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
