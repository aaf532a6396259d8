#!/usr/bin/env zsh
# zsh_complete.zsh FPATH_DIR WORDS... : prints, one a line, what zsh's own
# completion system offers for the last word of "WORDS..." (an empty last
# word asks for everything), through the _geopol found in FPATH_DIR.
#
# Completion functions run only inside a line editor, so this drives an
# interactive zsh on a pseudo-terminal (zsh/zpty), binds TAB to
# complete-word and wraps compadd to print each match it is given; the
# matches are framed by NUL lines so the prompt and echo are left out. The
# technique is that of zsh-capture-completion (Valodim, MIT).
zmodload zsh/zpty || exit 2
local dir=$1; shift
local init=$(mktemp)
trap 'rm -f $init ${init}.dump' EXIT
cat > $init <<INIT
PROMPT=
fpath=($dir \$fpath)
autoload -Uz compinit && compinit -u -d ${init}.dump
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
null-line() { echo -E - \$'\0' }
compprefuncs=(null-line)
comppostfuncs=(null-line exit)
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd() {
	if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
		builtin compadd "\$@"
		return
	fi
	local -a __hits
	builtin compadd -A __hits "\$@"
	local h
	for h in \$__hits; do echo -E - "M:\$h"; done
}
echo ok
INIT
zpty z zsh -f -i
zpty -w z "source $init"
local line i
for i in {1..20}; do
	zpty -r z line || break
	[[ $line == ok* ]] && break
done
[[ $line == ok* ]] || { echo "zsh_complete: zsh did not start" >&2; exit 2 }
zpty -w z "$*"$'\t'
# Read until the shell exits (comppostfuncs ends it after completing).
local out=
while zpty -r z line; do out+=$line; done
print -r -- $out | tr -d '\r' | sed -n 's/^M://p' | sort -u
