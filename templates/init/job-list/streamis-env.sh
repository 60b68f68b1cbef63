# Platform settings for this job list, shared by everyone who runs it.
# stms READS this file as KEY=VALUE or export KEY=VALUE lines; it is never executed, so
# commands, quotes around substitutions and $(...) do not work here. The real environment wins
# over anything set in this file.

# The source record every upload carries (the server's wds.streamis.app.highavailable.*).
export STMS_SOURCE_NAME=aomp
export STMS_SOURCE_TOKEN=streamis0.3.8

# Cluster tokens are secrets: never write them in this file. Give them to the job that runs
# job-list.sh from your secret store, for example as CI variables fed from vault:
#   STMS_TOKEN_GZ_UAT  <- secret/streamis/GZ_UAT/token-code
#   STMS_TOKEN_TJ_UAT  <- secret/streamis/TJ_UAT/token-code
#   STMS_TOKEN_SH_DR   <- secret/streamis/SH_DR/token-code
