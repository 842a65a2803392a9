<#
.SYNOPSIS
Compares what vlmgr's system backend reports with what slmgr.vbs reports, on this
Windows machine. Read-only.

.DESCRIPTION
Runs `vlmgr --json dlv all` and `cscript //nologo slmgr.vbs /dlv all` (both only query
Windows' licensing service: neither changes anything, neither needs elevation), matches
the products by Activation ID and prints every field that differs, then the slmgr lines
it does not compare (docs/windows.md, "Comparing with slmgr").

Exit code: 0 when every compared field agrees, 1 when some differ, 2 when it cannot
compare (vlmgr or slmgr did not run, vlmgr did not answer from the system backend, or
slmgr's output is not in English).

Written for Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File .\verify.ps1 -Vlmgr .\vlmgr.exe
#>
[CmdletBinding()]
param(
    # vlmgr.exe, or a command on the PATH.
    [string]$Vlmgr = 'vlmgr',
    # slmgr.vbs.
    [string]$Slmgr = (Join-Path $env:SystemRoot 'System32\slmgr.vbs'),
    # How far minutes and times may drift between the two runs.
    [int]$ToleranceMinutes = 5
)

Set-StrictMode -Version 2
# 'Continue': Windows PowerShell 5.1 turns a native command's stderr into errors, which
# 'Stop' would make fatal; failures are checked where they matter.
$ErrorActionPreference = 'Continue'

# --- vlmgr -------------------------------------------------------------------------

try {
    # The system backend, whatever the environment says (VLMGR_STANDALONE=1 would pick
    # vlmgr's own client, which has nothing to compare).
    $env:VLMGR_STANDALONE = '0'
    $vlmgrText = (& $Vlmgr --json dlv all 2>$null) -join "`n"
    if ($null -eq $vlmgrText -or $vlmgrText -eq '') { throw 'no output' }
} catch {
    Write-Output "vlmgr did not run ($Vlmgr): $($_.Exception.Message)"
    exit 2
}
try {
    $doc = $vlmgrText | ConvertFrom-Json -ErrorAction Stop
} catch {
    Write-Output "vlmgr's output is not a JSON document:"
    Write-Output $vlmgrText
    exit 2
}

function Get-Field($object, [string]$path) {
    $value = $object
    foreach ($name in $path.Split('.')) {
        if ($null -eq $value) { return $null }
        $property = $value.PSObject.Properties[$name]
        if ($null -eq $property) { return $null }
        $value = $property.Value
    }
    return $value
}

$backend = Get-Field $doc 'backend'
if ($backend -ne 'system') {
    $failure = Get-Field $doc 'error.message'
    if ($null -ne $failure) {
        Write-Output "vlmgr failed: $failure"
    } else {
        Write-Output "vlmgr did not answer from the system backend (backend: '$backend'): a vlmgr older than its system backend has nothing to compare."
    }
    exit 2
}

# --- slmgr -------------------------------------------------------------------------

try {
    $slmgrLines = & cscript.exe //nologo $Slmgr /dlv all 2>&1
} catch {
    Write-Output "slmgr did not run ($Slmgr): $($_.Exception.Message)"
    exit 2
}

# slmgr's output as blocks: the service's version, then one block per product, each a
# table of "Label: value" lines plus the lines without a label.
$serviceVersion = $null
$blocks = New-Object System.Collections.ArrayList
$current = $null
foreach ($raw in $slmgrLines) {
    $line = ([string]$raw).TrimEnd()
    $trimmed = $line.Trim()
    if ($trimmed -eq '') { continue }
    if ($line -match '^Software licensing service version: (.*)$') {
        $serviceVersion = $Matches[1].Trim()
        continue
    }
    if ($line -match '^Name: (.*)$') {
        $current = @{ 'Name' = $Matches[1].Trim(); '__lines' = (New-Object System.Collections.ArrayList) }
        [void]$blocks.Add($current)
        continue
    }
    if ($null -eq $current) { continue }
    if ($trimmed -match '^([^:]+): (.*)$') {
        $current[$Matches[1].Trim()] = $Matches[2].Trim()
    } else {
        [void]$current['__lines'].Add($trimmed)
    }
}
if ($blocks.Count -eq 0 -or $null -eq $serviceVersion) {
    Write-Output "slmgr's output has no 'Name:' blocks or no service version: it is not in English, or slmgr failed:"
    $slmgrLines | ForEach-Object { Write-Output "  $_" }
    exit 2
}

# --- comparing ---------------------------------------------------------------------

$differences = New-Object System.Collections.ArrayList
$notCompared = New-Object System.Collections.ArrayList
$compared = 0

function Add-Difference([string]$id, [string]$field, $slmgrValue, $vlmgrValue) {
    [void]$differences.Add(("{0}  {1}: slmgr '{2}', vlmgr '{3}'" -f $id, $field, $slmgrValue, $vlmgrValue))
}

function Compare-Text([string]$id, [string]$field, $slmgrValue, $vlmgrValue) {
    $script:compared++
    $a = if ($null -eq $slmgrValue) { '' } else { [string]$slmgrValue }
    $b = if ($null -eq $vlmgrValue) { '' } else { [string]$vlmgrValue }
    if ($a -ne $b) { Add-Difference $id $field $a $b }
}

function Compare-Number([string]$id, [string]$field, $slmgrValue, $vlmgrValue, [int]$tolerance) {
    $script:compared++
    if ($null -eq $slmgrValue -or $null -eq $vlmgrValue) {
        if (-not ($null -eq $slmgrValue -and $null -eq $vlmgrValue)) { Add-Difference $id $field $slmgrValue $vlmgrValue }
        return
    }
    if ([math]::Abs([double]$slmgrValue - [double]$vlmgrValue) -gt $tolerance) {
        Add-Difference $id $field $slmgrValue $vlmgrValue
    }
}

function Compare-Time([string]$id, [string]$field, $slmgrText, $vlmgrIso) {
    $script:compared++
    if ($null -eq $slmgrText -or $null -eq $vlmgrIso) {
        if (-not ($null -eq $slmgrText -and $null -eq $vlmgrIso)) { Add-Difference $id $field $slmgrText $vlmgrIso }
        return
    }
    try {
        $local = [datetime]::Parse($slmgrText, [Globalization.CultureInfo]::CurrentCulture)
        $utc = [datetime]::Parse($vlmgrIso, [Globalization.CultureInfo]::InvariantCulture,
            [Globalization.DateTimeStyles]::AdjustToUniversal)
    } catch {
        Add-Difference $id $field $slmgrText $vlmgrIso
        return
    }
    if ([math]::Abs(($local.ToUniversalTime() - $utc).TotalMinutes) -gt $ToleranceMinutes) {
        Add-Difference $id $field $slmgrText $vlmgrIso
    }
}

# A host object of the document as slmgr prints a host: NAME:PORT, an IPv6 literal in
# brackets (docs/json.md, "Hosts and answers").
function Format-Host($hostObject) {
    if ($null -eq $hostObject) { return $null }
    $name = [string](Get-Field $hostObject 'name')
    $port = Get-Field $hostObject 'port'
    if ($name -eq '') { return ":$port" }
    if ($name.Contains(':')) { return "[$name]:${port}" }
    return "${name}:${port}"
}

function Get-Minutes($text) {
    if ($null -ne $text -and $text -match '^(\d+) minute') { return [int64]$Matches[1] }
    return $null
}

$statusNames = @{
    'Unlicensed' = 'unlicensed'
    'Licensed' = 'licensed'
    'Initial grace period' = 'initial_grace'
    'Additional grace period (KMS license expired or hardware out of tolerance)' = 'additional_grace'
    'Non-genuine grace period.' = 'non_genuine_grace'
    'Notification' = 'notification'
    'Extended grace period' = 'extended_grace'
    'Unknown' = 'unknown'
}
$activationTypes = @{ 'All' = 'all'; 'AD' = 'active_directory'; 'KMS' = 'kms'; 'Token' = 'token' }

# The labels compared, each with the vlmgr field it is compared with.
$textFields = [ordered]@{
    'Name' = 'name'
    'Description' = 'description'
    'Application ID' = 'application_id'
    'Extended PID' = 'system.extended_pid'
    'Product Key Channel' = 'product_key_channel'
    'Installation ID' = 'system.installation_id'
    'Partial Product Key' = 'partial_product_key'
    'Client Machine ID (CMID)' = 'kms_client.cmid'
    'KMS machine extended PID' = 'kms_client.kms_extended_pid'
    'Registered KMS SRV record lookup domain' = 'kms_client.lookup_domain'
}
# The labels of hosts, each with the host object it is compared with.
$hostFields = [ordered]@{
    'Registered KMS machine name' = 'kms_client.registered_kms_host'
    'KMS machine name from DNS' = 'kms_client.discovered_host'
}
$countFields = @{
    'Remaining SKU rearm count' = 'system.remaining_sku_rearm_count'
    'Remaining App rearm count' = 'system.remaining_app_rearm_count'
}
$handled = @('Activation ID', 'License Status', 'Volume activation expiration',
    'Timebased activation expiration', 'Automatic VM activation expiration', 'Time remaining',
    'Notification Reason', 'Remaining Windows rearm count', 'Evaluation End Date',
    'Trusted time', 'Configured Activation Type', 'KMS machine IP address',
    'DNS auto-discovery', 'Activation interval', 'Renewal interval')

Compare-Text 'service' 'Software licensing service version' $serviceVersion (Get-Field $doc 'service.version')

$vlmgrProducts = @{}
foreach ($product in @(Get-Field $doc 'products')) {
    $vlmgrProducts[([string](Get-Field $product 'activation_id')).ToLowerInvariant()] = $product
}
$seen = @{}

foreach ($block in $blocks) {
    $id = if ($block.ContainsKey('Activation ID')) { $block['Activation ID'].ToLowerInvariant() } else { '' }
    if ($id -eq '' -or -not $vlmgrProducts.ContainsKey($id)) {
        Add-Difference $id 'product' "listed ($($block['Name']))" 'not listed'
        continue
    }
    $seen[$id] = $true
    $p = $vlmgrProducts[$id]

    foreach ($label in $textFields.Keys) {
        if ($block.ContainsKey($label)) {
            Compare-Text $id $label $block[$label] (Get-Field $p $textFields[$label])
        }
    }
    foreach ($label in $hostFields.Keys) {
        if ($block.ContainsKey($label)) {
            Compare-Text $id $label $block[$label] (Format-Host (Get-Field $p $hostFields[$label]))
        }
    }
    foreach ($label in $countFields.Keys) {
        if ($block.ContainsKey($label)) {
            Compare-Number $id $label $block[$label] (Get-Field $p $countFields[$label]) 0
        }
    }
    if ($block.ContainsKey('Remaining Windows rearm count')) {
        Compare-Number $id 'Remaining Windows rearm count' $block['Remaining Windows rearm count'] (Get-Field $doc 'service.remaining_windows_rearm_count') 0
    }
    if ($block['__lines'] -contains 'This license is not in use.') {
        Compare-Text $id 'Partial Product Key' '' (Get-Field $p 'partial_product_key')
    }
    if ($block.ContainsKey('License Status')) {
        $status = $statusNames[$block['License Status']]
        Compare-Text $id 'License Status' $status (Get-Field $p 'license_status')
    }
    foreach ($label in 'Volume activation expiration', 'Timebased activation expiration',
        'Automatic VM activation expiration', 'Time remaining') {
        if ($block.ContainsKey($label)) {
            Compare-Number $id $label (Get-Minutes $block[$label]) (Get-Field $p 'minutes_left') $ToleranceMinutes
        }
    }
    if ($block.ContainsKey('Notification Reason') -and $block['Notification Reason'] -match '0x([0-9A-Fa-f]+)') {
        $slmgrCode = [Convert]::ToUInt32($Matches[1], 16)
        $vlmgrCode = [string](Get-Field $p 'system.license_status_reason')
        $vlmgrNumber = if ($vlmgrCode -match '^0x([0-9A-Fa-f]+)$') { [Convert]::ToUInt32($Matches[1], 16) } else { $null }
        Compare-Number $id 'Notification Reason' $slmgrCode $vlmgrNumber 0
    }
    if ($block.ContainsKey('Evaluation End Date')) {
        Compare-Time $id 'Evaluation End Date' $block['Evaluation End Date'] (Get-Field $p 'system.evaluation_end')
    }
    if ($block.ContainsKey('Trusted time')) {
        Compare-Time $id 'Trusted time' $block['Trusted time'] (Get-Field $p 'system.trusted_time')
    }
    if ($block.ContainsKey('Configured Activation Type')) {
        Compare-Text $id 'Configured Activation Type' $activationTypes[$block['Configured Activation Type']] (Get-Field $p 'system.activation_type')
    }
    if ($block.ContainsKey('KMS machine IP address')) {
        # The document's ip is with the host slmgr shows it after (the registered one when
        # set), without an IPv6 zone (%12).
        $ip = $block['KMS machine IP address']
        if ($ip -eq 'not available') { $ip = $null } else { $ip = ($ip -split '%')[0] }
        $vlmgrIp = Get-Field $p 'kms_client.registered_kms_host.ip'
        if ($null -eq $vlmgrIp) { $vlmgrIp = Get-Field $p 'kms_client.discovered_host.ip' }
        Compare-Text $id 'KMS machine IP address' $ip $vlmgrIp
    }
    if ($block.ContainsKey('DNS auto-discovery')) {
        Compare-Text $id 'DNS auto-discovery (no host found)' '' (Format-Host (Get-Field $p 'kms_client.discovered_host'))
    }
    foreach ($label in 'Activation interval', 'Renewal interval') {
        if ($block.ContainsKey($label)) {
            $field = if ($label -eq 'Activation interval') { 'kms_client.activation_interval_minutes' } else { 'kms_client.renewal_interval_minutes' }
            Compare-Number $id $label (Get-Minutes $block[$label]) (Get-Field $p $field) 0
        }
    }
    foreach ($line in $block['__lines']) {
        switch -regex ($line) {
            '^KMS host caching is (enabled|disabled)$' {
                Compare-Text $id 'KMS host caching' ($Matches[1] -eq 'enabled') (Get-Field $p 'kms_client.host_caching')
            }
            '^Please use slmgr\.vbs /ato' {
                Compare-Text $id 'KMS client information' 'not_activated' (Get-Field $p 'kms_client.state')
            }
            '^This license is not in use\.$' { }
            default { [void]$notCompared.Add("$id  $line") }
        }
    }
    foreach ($label in $block.Keys) {
        if ($label -ne '__lines' -and -not $textFields.Contains($label) -and -not $hostFields.Contains($label) -and -not $countFields.ContainsKey($label) -and $handled -notcontains $label) {
            [void]$notCompared.Add("$id  ${label}: $($block[$label])")
        }
    }
}
foreach ($id in $vlmgrProducts.Keys) {
    if (-not $seen.ContainsKey($id)) {
        Add-Difference $id 'product' 'not listed' "listed ($(Get-Field $vlmgrProducts[$id] 'name'))"
    }
}

# --- report ------------------------------------------------------------------------

$os = Get-CimInstance Win32_OperatingSystem -ErrorAction SilentlyContinue
if ($null -ne $os) { Write-Output "Windows: $($os.Caption) $($os.Version)" }
Write-Output ("Products: slmgr {0}, vlmgr {1}; fields compared: {2}" -f $blocks.Count, $vlmgrProducts.Count, $compared)
Write-Output ''
if ($differences.Count -eq 0) {
    Write-Output 'Every compared field agrees.'
} else {
    Write-Output "Fields that differ ($($differences.Count)):"
    $differences | ForEach-Object { Write-Output "  $_" }
}
if ($notCompared.Count -gt 0) {
    Write-Output ''
    Write-Output "slmgr lines not compared ($($notCompared.Count); docs/windows.md lists what vlmgr does not reproduce):"
    $notCompared | ForEach-Object { Write-Output "  $_" }
}
if ($differences.Count -eq 0) { exit 0 } else { exit 1 }
