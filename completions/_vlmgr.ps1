
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'vlmgr' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'vlmgr'
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
        'vlmgr' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ipk', 'ipk', [CompletionResultType]::ParameterValue, 'Install a product (slmgr /ipk): a published GVLK, or a catalog name, alias or Activation ID')
            [CompletionResult]::new('upk', 'upk', [CompletionResultType]::ParameterValue, 'Uninstall a product (slmgr /upk)')
            [CompletionResult]::new('ato', 'ato', [CompletionResultType]::ParameterValue, 'Activate (slmgr /ato): locate a KMS host, send the request, record the result')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Activate only if due (renewal or retry interval elapsed): for cron and timers')
            [CompletionResult]::new('dli', 'dli', [CompletionResultType]::ParameterValue, 'Display license information (slmgr /dli)')
            [CompletionResult]::new('dlv', 'dlv', [CompletionResultType]::ParameterValue, 'Display detailed license information (slmgr /dlv)')
            [CompletionResult]::new('xpr', 'xpr', [CompletionResultType]::ParameterValue, 'Display the expiration of the current license state (slmgr /xpr)')
            [CompletionResult]::new('skms', 'skms', [CompletionResultType]::ParameterValue, 'Set the KMS host and/or port (slmgr /skms); DNS discovery is then not used')
            [CompletionResult]::new('ckms', 'ckms', [CompletionResultType]::ParameterValue, 'Clear the KMS host (slmgr /ckms): back to DNS discovery')
            [CompletionResult]::new('skms-domain', 'skms-domain', [CompletionResultType]::ParameterValue, 'Set the one DNS domain in which SRV records are looked up (slmgr /skms-domain)')
            [CompletionResult]::new('ckms-domain', 'ckms-domain', [CompletionResultType]::ParameterValue, 'Clear the SRV lookup domain (slmgr /ckms-domain)')
            [CompletionResult]::new('skhc', 'skhc', [CompletionResultType]::ParameterValue, 'Enable KMS host caching (slmgr /skhc), the default')
            [CompletionResult]::new('ckhc', 'ckhc', [CompletionResultType]::ParameterValue, 'Disable KMS host caching and clear the cached hosts (slmgr /ckhc)')
            [CompletionResult]::new('cpky', 'cpky', [CompletionResultType]::ParameterValue, 'Clear the product key from the registry (slmgr /cpky), Windows'' licensing service only')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Show how a KMS host would be found: domains, SRV records, order, addresses')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'KMS health for monitoring: SRV records, each host''s connect + bind, expiry')
            [CompletionResult]::new('products', 'products', [CompletionResultType]::ParameterValue, 'List the product catalog')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            break
        }
        'vlmgr;ipk' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;upk' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;ato' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Keep trying until activated or this much time has passed; a host that answered is asked again after its activation interval (often 2h)')
            [CompletionResult]::new('--retry-interval', '--retry-interval', [CompletionResultType]::ParameterName, 'With --wait: time between tries that reach a host, at least 1m (default: the host''s activation interval)')
            [CompletionResult]::new('--kms', '--kms', [CompletionResultType]::ParameterName, 'Use this host for this run only (state unchanged)')
            [CompletionResult]::new('--srv-order', '--srv-order', [CompletionResultType]::ParameterName, 'Ordering of discovered SRV records (random: as Windows Vista did)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Use this KMS protocol version for this run only')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;renew' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;dli' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;dlv' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;xpr' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;skms' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;ckms' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;skms-domain' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;ckms-domain' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;skhc' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;ckhc' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;cpky' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;discover' {
            [CompletionResult]::new('--srv-order', '--srv-order', [CompletionResultType]::ParameterName, 'Ordering of SRV records')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Connect and RPC-bind to every address, with latency')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;check' {
            [CompletionResult]::new('--product', '--product', [CompletionResultType]::ParameterName, 'The product for --activate and --expiry (default: the installed one; for --expiry, all)')
            [CompletionResult]::new('--warn-days', '--warn-days', [CompletionResultType]::ParameterName, 'With --expiry: warn when fewer days are left')
            [CompletionResult]::new('--crit-days', '--crit-days', [CompletionResultType]::ParameterName, 'With --expiry: critical when fewer days are left')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: text; --json is --format json and goes with no other)')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--activate', '--activate', [CompletionResultType]::ParameterName, 'Also send one activation request per working host (counts this client there)')
            [CompletionResult]::new('--expiry', '--expiry', [CompletionResultType]::ParameterName, 'Check how long the installed products stay activated')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;products' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vlmgr;completions' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory holding state.json (default: the platform''s config directory)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this name server instead of the system''s (repeatable; port 53 by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, never with NO_COLOR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network work, e.g. 10s, 2m (default 30s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: discovery steps, timings (-vv: protocol trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silent on success: errors on stderr, and the data a command shows; no confirmations or notes')
            [CompletionResult]::new('--standalone', '--standalone', [CompletionResultType]::ParameterName, 'Use vlmgr''s own KMS client, not Windows'' licensing service (Windows; elsewhere the only one)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
