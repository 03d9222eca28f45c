# Sourced by the Spark scripts: a Spark home made of the Maven artifacts (bench/spark/pom.xml) and the Java 17 flags.
# Usage: source bench/spark/env.sh   (sets SPARK_HOME, SPARK_SCALA_VERSION, SPARK_JAVA_FLAGS, EGAML_JAR)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export SPARK_HOME="${SPARK_HOME:-$repo/target/spark-home}"
export SPARK_SCALA_VERSION=2.13
if [[ ! -d "$SPARK_HOME/jars" ]]; then
  echo "egaml: collecting Spark's jars into $SPARK_HOME/jars (once)..." >&2
  mvn -q -B -ntp -f "$repo/bench/spark/pom.xml" dependency:copy-dependencies -DoutputDirectory="$SPARK_HOME/jars.tmp" >&2
  mv "$SPARK_HOME/jars.tmp" "$SPARK_HOME/jars"
fi
# the module flags spark-submit's launcher adds on Java 17 (the JVMs here start without the launcher)
export SPARK_JAVA_FLAGS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
 --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
 --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
 --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
 -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
export EGAML_JAR="$repo/target/egaml.jar"
"$repo/egaml" --version >/dev/null # builds target/egaml.jar when the sources changed
