
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
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a JWT''s header, claims and signature, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a JWT''s signature and claims (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('claims', 'claims', [CompletionResultType]::ParameterValue, 'Print claims: all as JSON, or the named ones one per line (strings raw)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidctl;decode' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format; json keeps the claims exactly as in the token')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format; json keeps the claims exactly as in the token')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oidctl;verify' {
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
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oidctl;claims' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oidctl;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what oidctl does on stderr (repeat for more); secrets are never logged')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oidctl;help' {
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a JWT''s header, claims and signature, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a JWT''s signature and claims (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('claims', 'claims', [CompletionResultType]::ParameterValue, 'Print claims: all as JSON, or the named ones one per line (strings raw)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
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
        'oidctl;help;completions' {
            break
        }
        'oidctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
