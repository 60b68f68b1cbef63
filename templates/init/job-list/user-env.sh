# Settings of the person (or CI account) running this job list.
# stms READS this file as KEY=VALUE or export KEY=VALUE lines; it is never executed.

# Recorded as deployUser in every version's source record; the consistency check compares it
# across clusters, so release and launch a job under the same user.
export STMS_DEPLOY_USER={{owner}}
