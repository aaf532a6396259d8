# bash completion for geopol(1): commands, options, formats, and the codes
# of the entities of the database in use (asked of geopol itself).
# Installed in share/bash-completion/completions/geopol.

_geopol_codes()
{
	local db=()
	[ -n "$1" ] && db=(--db "$1")
	geopol "${db[@]}" sql "SELECT code FROM v_entities ORDER BY code" \
		--format csv --no-header 2>/dev/null
}

_geopol()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands="init import resolve show members memberships common pledges relations
		events history diff coding-rank neighbors path export panel sql check uncited copy demo help"
	local common="--db --at --known-on --definite --format --lang --no-header
		--sources --de-facto --stages --coding --all-codings --help --version"
	local cmd="" db="" i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db) db=${COMP_WORDS[i+1]}; i=$((i + 1)) ;;
		--db=*) db=${COMP_WORDS[i]#--db=} ;;
		--at|--known-on|--format|--lang|--from|--to|--actor|--with|--type|--text|--limit|--quad|--entity|--depth|-o|--output|--unit|--population|--codes|--focus|--vars|--rule|--rule-file|--stages|--coding|--around|--kinds|--orgs|--types|--gexf-version)
			i=$((i + 1)) ;;
		-*) ;;
		*) [ -z "$cmd" ] && cmd=${COMP_WORDS[i]} ;;
		esac
	done
	case $prev in
	--db|-o|--output|--rule-file)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--format)
		case $cmd in
		import) COMPREPLY=($(compgen -W "json cow-states cow-igo atop cameo icews gdelt" -- "$cur")) ;;
		export) COMPREPLY=($(compgen -W "json ndjson csv graphml gexf dot svg png html" -- "$cur")) ;;
		panel) COMPREPLY=($(compgen -W "csv ndjson" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "text json csv" -- "$cur")) ;;
		esac
		return ;;
	--kinds)
		COMPREPLY=($(compgen -W "state organization person other" -- "$cur")); return ;;
	--gexf-version)
		COMPREPLY=($(compgen -W "1.2 1.3" -- "$cur")); return ;;
	--actor|--with|--entity|--around|--orgs)
		COMPREPLY=($(compgen -W "$(_geopol_codes "$db")" -- "$cur")); return ;;
	--unit)
		COMPREPLY=($(compgen -W "state-year dyad-year directed-dyad-year state-month dyad-month directed-dyad-month" -- "$cur")); return ;;
	--population)
		COMPREPLY=($(compgen -W "all list shared" -- "$cur")); return ;;
	--rule)
		COMPREPLY=($(compgen -W "midpoint any-day" -- "$cur")); return ;;
	--at|--known-on|--from|--to|--lang|--type|--text|--limit|--depth|--codes|--focus|--vars|--types)
		return ;;
	--quad)
		COMPREPLY=($(compgen -W "1 2 3 4" -- "$cur")); return ;;
	esac
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$common" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi
	local extra=""
	case $cmd in
	import) extra="--skip-bad-rows --release" ;;
	events) extra="--actor --with --type --quad --from --to --text --limit" ;;
	history) extra="--from --to" ;;
	diff) extra="--from --to --entity" ;;
	neighbors) extra="--depth" ;;
	export) extra="--from --to -o --output --around --depth --kinds --orgs --types --gexf-version" ;;
	panel) extra="--from --to --unit --population --codes --focus --vars --rule --rule-file -o --output" ;;
	demo) extra="-o --output" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$common $extra" -- "$cur"))
		return
	fi
	case $cmd in
	init|import|copy) COMPREPLY=($(compgen -f -- "$cur")) ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
	show|members|memberships|common|pledges|relations|history|neighbors|path)
		COMPREPLY=($(compgen -W "$(_geopol_codes "$db")" -- "$cur")) ;;
	esac
}
complete -F _geopol geopol
