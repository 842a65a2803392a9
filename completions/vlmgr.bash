_vlmgr() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="vlmgr"
                ;;
            vlmgr,ato)
                cmd="vlmgr__subcmd__ato"
                ;;
            vlmgr,check)
                cmd="vlmgr__subcmd__check"
                ;;
            vlmgr,ckhc)
                cmd="vlmgr__subcmd__ckhc"
                ;;
            vlmgr,ckms)
                cmd="vlmgr__subcmd__ckms"
                ;;
            vlmgr,ckms-domain)
                cmd="vlmgr__subcmd__ckms__subcmd__domain"
                ;;
            vlmgr,completions)
                cmd="vlmgr__subcmd__completions"
                ;;
            vlmgr,cpky)
                cmd="vlmgr__subcmd__cpky"
                ;;
            vlmgr,discover)
                cmd="vlmgr__subcmd__discover"
                ;;
            vlmgr,dli)
                cmd="vlmgr__subcmd__dli"
                ;;
            vlmgr,dlv)
                cmd="vlmgr__subcmd__dlv"
                ;;
            vlmgr,ipk)
                cmd="vlmgr__subcmd__ipk"
                ;;
            vlmgr,products)
                cmd="vlmgr__subcmd__products"
                ;;
            vlmgr,renew)
                cmd="vlmgr__subcmd__renew"
                ;;
            vlmgr,skhc)
                cmd="vlmgr__subcmd__skhc"
                ;;
            vlmgr,skms)
                cmd="vlmgr__subcmd__skms"
                ;;
            vlmgr,skms-domain)
                cmd="vlmgr__subcmd__skms__subcmd__domain"
                ;;
            vlmgr,upk)
                cmd="vlmgr__subcmd__upk"
                ;;
            vlmgr,xpr)
                cmd="vlmgr__subcmd__xpr"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        vlmgr)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version ipk upk ato renew dli dlv xpr skms ckms skms-domain ckms-domain skhc ckhc cpky discover check products completions"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__ato)
            opts="-v -q -h -V --wait --retry-interval --kms --srv-order --protocol --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wait)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kms)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --srv-order)
                    COMPREPLY=($(compgen -W "rfc2782 random" -- "${cur}"))
                    return 0
                    ;;
                --protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__check)
            opts="-v -q -h -V --activate --product --expiry --warn-days --crit-days --format --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --product)
                    COMPREPLY=($(compgen -W "all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024" -- "${cur}"))
                    return 0
                    ;;
                --warn-days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --crit-days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json nagios prometheus" -- "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__ckhc)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__ckms)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__ckms__subcmd__domain)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__completions)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__cpky)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__discover)
            opts="-v -q -h -V --check --srv-order --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --srv-order)
                    COMPREPLY=($(compgen -W "rfc2782 random" -- "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__dli)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__dlv)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__ipk)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__products)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__renew)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__skhc)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__skms)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__skms__subcmd__domain)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__upk)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        vlmgr__subcmd__xpr)
            opts="-v -q -h -V --state-dir --dns-server --json --color --verbose --quiet --timeout --standalone --help --version all Windows-Vista-Business vista-business Windows-Vista-Business-N vista-business-n Windows-Vista-Enterprise vista-enterprise Windows-Vista-Enterprise-N vista-enterprise-n Windows-7-Professional win7-professional win7-pro w7pro Windows-7-Professional-N win7-professional-n win7-pro-n w7pron Windows-7-Professional-E win7-professional-e win7-pro-e w7proe Windows-7-Enterprise win7-enterprise w7ent Windows-7-Enterprise-N win7-enterprise-n w7entn Windows-7-Enterprise-E win7-enterprise-e w7ente Windows-8-Pro win8-pro w8pro Windows-8-Pro-N win8-pro-n w8pron Windows-8-Enterprise win8-enterprise w8ent Windows-8-Enterprise-N win8-enterprise-n w8entn Windows-8.1-Pro win81-pro w81pro Windows-8.1-Pro-N win81-pro-n w81pron Windows-8.1-Enterprise win81-enterprise w81ent Windows-8.1-Enterprise-N win81-enterprise-n w81entn Windows-10-Enterprise-LTSB-2015 win10-enterprise-ltsb2015 w10ltsb2015 Windows-10-Enterprise-N-LTSB-2015 win10-enterprise-n-ltsb2015 w10ltsb2015n Windows-10-Enterprise-LTSB-2016 win10-enterprise-ltsb2016 w10ltsb2016 Windows-10-Enterprise-N-LTSB-2016 win10-enterprise-n-ltsb2016 w10ltsb2016n Windows-10/11-Pro win10-pro win11-pro w10pro w11pro Windows-10/11-Pro-N win10-pro-n win11-pro-n w10pron w11pron Windows-10/11-Pro-for-Workstations win10-pro-workstations win11-pro-workstations w10prows w11prows Windows-10/11-Pro-for-Workstations-N win10-pro-workstations-n win11-pro-workstations-n w10prowsn w11prowsn Windows-10/11-Pro-Education win10-pro-education win11-pro-education w10proedu w11proedu Windows-10/11-Pro-Education-N win10-pro-education-n win11-pro-education-n w10proedun w11proedun Windows-10/11-Education win10-education win11-education w10edu w11edu Windows-10/11-Education-N win10-education-n win11-education-n w10edun w11edun Windows-10/11-Enterprise win10-enterprise win11-enterprise w10ent w11ent Windows-10/11-Enterprise-N win10-enterprise-n win11-enterprise-n w10entn w11entn Windows-10/11-Enterprise-G win10-enterprise-g win11-enterprise-g w10entg w11entg Windows-10/11-Enterprise-G-N win10-enterprise-g-n win11-enterprise-g-n w10entgn w11entgn Windows-10-Enterprise-LTSC-2019/2021,-Windows-11-Enterprise-LTSC-2024 win10-enterprise-ltsc2019 win10-enterprise-ltsc2021 win11-enterprise-ltsc2024 w10ltsc2019 w10ltsc2021 w11ltsc2024 Windows-10-Enterprise-N-LTSC-2019/2021,-Windows-11-Enterprise-N-LTSC-2024 win10-enterprise-n-ltsc2019 win10-enterprise-n-ltsc2021 win11-enterprise-n-ltsc2024 w10ltsc2019n w10ltsc2021n w11ltsc2024n Windows-IoT-Enterprise-LTSC-2021/2024 win10-iot-enterprise-ltsc2021 win11-iot-enterprise-ltsc2024 iot-ltsc2021 iot-ltsc2024 Windows-Web-Server-2008 server2008-web Windows-Server-2008-Standard server2008-standard Windows-Server-2008-Standard-without-Hyper-V server2008-standard-nohyperv Windows-Server-2008-Enterprise server2008-enterprise Windows-Server-2008-Enterprise-without-Hyper-V server2008-enterprise-nohyperv Windows-Server-2008-HPC server2008-hpc Windows-Server-2008-Datacenter server2008-datacenter Windows-Server-2008-Datacenter-without-Hyper-V server2008-datacenter-nohyperv Windows-Server-2008-for-Itanium-Based-Systems server2008-itanium Windows-Server-2008-R2-Web server2008r2-web Windows-Server-2008-R2-HPC-edition server2008r2-hpc Windows-Server-2008-R2-Standard server2008r2-standard Windows-Server-2008-R2-Enterprise server2008r2-enterprise Windows-Server-2008-R2-Datacenter server2008r2-datacenter Windows-Server-2008-R2-for-Itanium-based-Systems server2008r2-itanium Windows-Server-2012-Standard server2012-standard Windows-Server-2012-MultiPoint-Standard server2012-multipoint-standard Windows-Server-2012-MultiPoint-Premium server2012-multipoint-premium Windows-Server-2012-Datacenter server2012-datacenter Windows-Server-2012-Essentials server2012-essentials Windows-Server-2012-R2-Standard server2012r2-standard Windows-Server-2012-R2-Datacenter server2012r2-datacenter Windows-Server-2012-R2-Essentials server2012r2-essentials Windows-Server-2016-Standard server2016-standard Windows-Server-2016-Datacenter server2016-datacenter Windows-Server-2016-Essentials server2016-essentials Windows-Server-Standard,-versions-1709/1803 server1709-standard server1803-standard Windows-Server-Datacenter,-versions-1709/1803 server1709-datacenter server1803-datacenter Windows-Server-2019-Standard server2019-standard Windows-Server-2019-Datacenter server2019-datacenter Windows-Server-2019-Essentials server2019-essentials Windows-Server-Standard,-versions-1809-to-20H2 server-sac-standard server1809-standard server1903-standard server1909-standard server2004-standard server20h2-standard Windows-Server-Datacenter,-versions-1809-to-20H2 server-sac-datacenter server1809-datacenter server1903-datacenter server1909-datacenter server2004-datacenter server20h2-datacenter Windows-Server-2022-Standard server2022-standard Windows-Server-2022-Datacenter server2022-datacenter Windows-Server-2022-Datacenter:-Azure-Edition server2022-datacenter-azure Windows-Server-2025-Standard server2025-standard Windows-Server-2025-Datacenter server2025-datacenter Windows-Server-2025-Datacenter:-Azure-Edition server2025-datacenter-azure Office-Professional-Plus-2010 office2010-proplus Office-Standard-2010 office2010-standard Office-Small-Business-Basics-2010 office2010-smallbusinessbasics Project-Professional-2010 project2010-pro Project-Standard-2010 project2010-standard Visio-Premium-2010 visio2010-premium Visio-Professional-2010 visio2010-pro Visio-Standard-2010 visio2010-standard Access-2010 access2010 Excel-2010 excel2010 SharePoint-Workspace-2010 sharepointworkspace2010 groove2010 InfoPath-2010 infopath2010 OneNote-2010 onenote2010 Outlook-2010 outlook2010 PowerPoint-2010 powerpoint2010 Publisher-2010 publisher2010 Word-2010 word2010 Office-Professional-Plus-2013 office2013-proplus Office-Standard-2013 office2013-standard Project-Professional-2013 project2013-pro Project-Standard-2013 project2013-standard Visio-Professional-2013 visio2013-pro Visio-Standard-2013 visio2013-standard Access-2013 access2013 Excel-2013 excel2013 InfoPath-2013 infopath2013 Lync-2013 lync2013 OneNote-2013 onenote2013 Outlook-2013 outlook2013 PowerPoint-2013 powerpoint2013 Publisher-2013 publisher2013 Word-2013 word2013 Office-Professional-Plus-2016 office2016-proplus Office-Standard-2016 office2016-standard Project-Professional-2016 project2016-pro Project-Standard-2016 project2016-standard Visio-Professional-2016 visio2016-pro Visio-Standard-2016 visio2016-standard Access-2016 access2016 Excel-2016 excel2016 OneNote-2016 onenote2016 Outlook-2016 outlook2016 PowerPoint-2016 powerpoint2016 Publisher-2016 publisher2016 Skype-for-Business-2016 skypeforbusiness2016 skype2016 Word-2016 word2016 Office-Professional-Plus-2019 office2019-proplus Office-Standard-2019 office2019-standard Project-Professional-2019 project2019-pro Project-Standard-2019 project2019-standard Visio-Professional-2019 visio2019-pro Visio-Standard-2019 visio2019-standard Access-2019 access2019 Excel-2019 excel2019 Outlook-2019 outlook2019 PowerPoint-2019 powerpoint2019 Publisher-2019 publisher2019 Skype-for-Business-2019 skypeforbusiness2019 skype2019 Word-2019 word2019 Office-LTSC-Professional-Plus-2021 office2021-proplus Office-LTSC-Standard-2021 office2021-standard Project-Professional-2021 project2021-pro Project-Standard-2021 project2021-standard Visio-LTSC-Professional-2021 visio2021-pro Visio-LTSC-Standard-2021 visio2021-standard Access-LTSC-2021 access2021 Excel-LTSC-2021 excel2021 Outlook-LTSC-2021 outlook2021 PowerPoint-LTSC-2021 powerpoint2021 Publisher-LTSC-2021 publisher2021 Skype-for-Business-LTSC-2021 skypeforbusiness2021 skype2021 Word-LTSC-2021 word2021 Office-LTSC-Professional-Plus-2024 office2024-proplus Office-LTSC-Standard-2024 office2024-standard Project-Professional-2024 project2024-pro Project-Standard-2024 project2024-standard Visio-LTSC-Professional-2024 visio2024-pro Visio-LTSC-Standard-2024 visio2024-standard Access-LTSC-2024 access2024 Excel-LTSC-2024 excel2024 Outlook-LTSC-2024 outlook2024 PowerPoint-LTSC-2024 powerpoint2024 Skype-for-Business-LTSC-2024 skypeforbusiness2024 skype2024 Word-LTSC-2024 word2024"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _vlmgr -o nosort -o bashdefault -o default vlmgr
else
    complete -F _vlmgr -o bashdefault -o default vlmgr
fi
