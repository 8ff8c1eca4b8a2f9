" Vim syntax for Alibaba Cloud ECS Image Builder components (Dockerfile format).
" The same scopes as the VS Code grammar: supported and unsupported keywords,
" comments, strings, variables, continuations and the JSON exec form.
if exists('b:current_syntax') && b:current_syntax !=# 'ecs-template'
  finish
endif

syntax case ignore
" An instruction: a keyword at the start of a line, up to the end of a line that does not end
" in `\` and is not a comment or blank line (BuildKit skips those inside an instruction).
syntax region ecsInstruction matchgroup=ecsKeyword
      \ start=/^\s*\%(RUN\|ENV\|WORKDIR\|COPY\|USER\|LABEL\|CMD\|ENTRYPOINT\|RESTART\)\>/
      \ end=/\%(\\\s*\)\@<!\%(^\s*#.*\)\@<!\%(^\s*\)\@<!$/ contains=@ecsArguments keepend
syntax region ecsInstruction matchgroup=ecsUnsupported
      \ start=/^\s*\%(FROM\|ADD\|ARG\|EXPOSE\|VOLUME\|ONBUILD\|STOPSIGNAL\|HEALTHCHECK\|SHELL\|MAINTAINER\|COMPONENT\)\>/
      \ end=/\%(\\\s*\)\@<!\%(^\s*#.*\)\@<!\%(^\s*\)\@<!$/ contains=@ecsArguments keepend
syntax case match

syntax cluster ecsArguments contains=ecsContinuation,ecsContinuedComment,ecsString,ecsSingleString,ecsVariable,ecsExecForm,ecsAssignment
syntax match ecsComment /^\s*#.*$/ contains=@Spell
syntax match ecsContinuedComment /^\s*#.*$/ contained contains=@Spell
syntax match ecsContinuation /\\\ze\s*$/ contained
syntax match ecsVariable /\$\%({[^}]*}\|\h\w*\)/ contained
syntax region ecsString start=/"/ skip=/\\./ end=/"/ oneline contained contains=ecsVariable,ecsEscape
syntax match ecsEscape /\\./ contained
syntax region ecsSingleString start=/'/ end=/'/ oneline contained
syntax match ecsAssignment /\%(^\|\s\)\zs\h[[:alnum:]_.-]*\ze=/ contained
syntax region ecsExecForm matchgroup=ecsBracket start=/\%(^\s*\a\+\s\+\)\@<=\[/ end=/\]/ contained contains=ecsJsonString,ecsContinuation
syntax region ecsJsonString start=/"/ skip=/\\./ end=/"/ oneline contained contains=ecsEscape

highlight default link ecsKeyword Keyword
highlight default link ecsUnsupported Error
highlight default link ecsComment Comment
highlight default link ecsContinuedComment Comment
highlight default link ecsContinuation SpecialChar
highlight default link ecsVariable Identifier
highlight default link ecsString String
highlight default link ecsSingleString String
highlight default link ecsJsonString String
highlight default link ecsEscape SpecialChar
highlight default link ecsAssignment Identifier
highlight default link ecsBracket Delimiter

if !exists('b:current_syntax')
  let b:current_syntax = 'ecs-component'
endif
