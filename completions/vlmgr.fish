# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_vlmgr_global_optspecs
    string join \n state-dir= dns-server= json color= v/verbose q/quiet timeout= h/help V/version
end

function __fish_vlmgr_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_vlmgr_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_vlmgr_using_subcommand
    set -l cmd (__fish_vlmgr_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c vlmgr -n "__fish_vlmgr_needs_command" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_needs_command" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_needs_command" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_needs_command" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_needs_command" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "ipk" -d 'Install a product (slmgr /ipk): a published GVLK, or a catalog name, alias or Activation ID'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "upk" -d 'Uninstall a product (slmgr /upk)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "ato" -d 'Activate (slmgr /ato): locate a KMS host, send the request, record the result'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "renew" -d 'Activate only if due (renewal or retry interval elapsed): for cron and timers'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "dli" -d 'Display license information (slmgr /dli)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "dlv" -d 'Display detailed license information (slmgr /dlv)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "xpr" -d 'Display the expiration of the current license state (slmgr /xpr)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "skms" -d 'Set the KMS host and/or port (slmgr /skms); DNS discovery is then not used'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "ckms" -d 'Clear the KMS host (slmgr /ckms): back to DNS discovery'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "skms-domain" -d 'Set the one DNS domain in which SRV records are looked up (slmgr /skms-domain)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "ckms-domain" -d 'Clear the SRV lookup domain (slmgr /ckms-domain)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "skhc" -d 'Enable KMS host caching (slmgr /skhc), the default'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "ckhc" -d 'Disable KMS host caching and clear the cached hosts (slmgr /ckhc)'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "discover" -d 'Show how a KMS host would be found: domains, SRV records, order, addresses'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "products" -d 'List the product catalog'
complete -c vlmgr -n "__fish_vlmgr_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ipk" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand upk" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l wait -d 'Keep trying until activated or this much time has passed' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l retry-interval -d 'With --wait: time between tries while the count is too low (default: the host\'s activation interval)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l kms -d 'Use this host for this run only (state unchanged)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l protocol -d 'Use this KMS protocol version for this run only' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ato" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand renew" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dli" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand dlv" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand xpr" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skms-domain" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckms-domain" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand skhc" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand ckhc" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -l srv-order -d 'Ordering of SRV records' -r -f -a "rfc2782\t'Priority, then weighted random within a priority (RFC 2782), as Windows 7 and later'
random\t'Plain random pick, ignoring priority and weight, as Windows Vista did'"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -l check -d 'Connect and RPC-bind to every address, with latency'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand discover" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand products" -s V -l version -d 'Print version'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -l state-dir -d 'Directory holding state.json (default: the platform\'s config directory)' -r -F
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -l dns-server -d 'Ask this name server instead of the system\'s (repeatable; port 53 by default)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -l color -d 'When to use colour (auto: only on a terminal, never with NO_COLOR)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -l timeout -d 'Overall deadline for network work, e.g. 10s, 2m (default 30s)' -r
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -l json -d 'Print one JSON document on stdout instead of text'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -s v -l verbose -d 'More detail on stderr: discovery steps, timings (-vv: protocol trace)'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -s q -l quiet -d 'Errors only on stderr'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -s h -l help -d 'Print help'
complete -c vlmgr -n "__fish_vlmgr_using_subcommand completions" -s V -l version -d 'Print version'
