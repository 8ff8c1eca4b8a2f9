" Vim syntax for ECS Image Builder templates: a component's syntax, plus COMPONENT
" (with --parameters) and a FROM the service ignores.
if exists('b:current_syntax')
  finish
endif
let b:current_syntax = 'ecs-template'
runtime! syntax/ecs-component.vim

syntax case ignore
syntax region ecsInstruction matchgroup=ecsKeyword start=/^\s*COMPONENT\>/
      \ end=/\%(\\\s*\)\@<!\%(^\s*#.*\)\@<!\%(^\s*\)\@<!$/ contains=@ecsArguments,ecsParameter keepend
syntax region ecsInstruction matchgroup=ecsDeprecated start=/^\s*FROM\>/
      \ end=/\%(\\\s*\)\@<!\%(^\s*#.*\)\@<!\%(^\s*\)\@<!$/ contains=@ecsArguments keepend
syntax case match
syntax match ecsParameter /\s\zs--[[:alnum:]_.-]\+/ contained

highlight default link ecsDeprecated WarningMsg
highlight default link ecsParameter Special
