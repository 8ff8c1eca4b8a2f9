" YAML-format components are YAML, with {{ }} references to parameters and task outputs.
if exists('b:current_syntax')
  finish
endif
runtime! syntax/yaml.vim
unlet! b:current_syntax
syntax match ecsYamlReference /{{\s*[^{}[:space:]]*\s*}}/ containedin=ALLBUT,yamlComment
highlight default link ecsYamlReference Special
let b:current_syntax = 'ecs-component-yaml'
