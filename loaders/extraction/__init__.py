"""The extractor: a document's body → observations and programme mentions.

Self-contained: its code, its rule data (`data/`) and the seeds it reads (`paths.SEED_FILES`); the
extractor version (`loaders.version`) hashes exactly this folder and those seeds.
"""
