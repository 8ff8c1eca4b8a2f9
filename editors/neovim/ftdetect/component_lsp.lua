-- File names of Image Builder components and templates (SPEC section 2).
vim.filetype.add({
  extension = {
    component = "ecs-component",
    Componentfile = "ecs-component",
    imagetemplate = "ecs-template",
  },
  filename = {
    Componentfile = "ecs-component",
    Templatefile = "ecs-template",
  },
  pattern = {
    [".*%.component%.ya?ml"] = "ecs-component-yaml",
  },
})
