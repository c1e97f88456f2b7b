"""Stand-in for the wandb package, which the reference's visualiser imports but never calls unless --use_wandb."""
run = None
