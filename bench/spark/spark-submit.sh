#!/usr/bin/env bash
# spark-submit for a machine without a Spark installation (Spark's jars from Maven Central, bench/spark/env.sh).
# Takes spark-submit's arguments, e.g.:
#   bench/spark/spark-submit.sh --master spark://127.0.0.1:7077 --class egaml.cli.EgamlCli target/egaml.jar train --engine spark ...
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec java ${SPARK_DRIVER_JAVA_OPTS:--Xmx6g} $SPARK_JAVA_FLAGS -Djava.awt.headless=true -cp "$SPARK_HOME/jars/*" \
  org.apache.spark.deploy.SparkSubmit "$@"
