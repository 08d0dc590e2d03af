
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
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand decode 'Show a JWT''s header, claims and signature, without verifying it'
            cand verify 'Verify a JWT''s signature and claims (exit 0 valid, 1 invalid)'
            cand claims 'Print claims: all as JSON, or the named ones one per line (strings raw)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oidctl;decode'= {
            cand -f 'Output format; json keeps the claims exactly as in the token'
            cand --format 'Output format; json keeps the claims exactly as in the token'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;verify'= {
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
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --batch 'One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid'
            cand -v 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand --verbose 'Log what oidctl does on stderr (repeat for more); secrets are never logged'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oidctl;claims'= {
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
        &'oidctl;completions'= {
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
            cand decode 'Show a JWT''s header, claims and signature, without verifying it'
            cand verify 'Verify a JWT''s signature and claims (exit 0 valid, 1 invalid)'
            cand claims 'Print claims: all as JSON, or the named ones one per line (strings raw)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
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
