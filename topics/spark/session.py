"""Starting Spark for the package: checks, environment, one session, the package on
the executors.

    with spark_session(SparkSettings(master="local[2]")) as spark:
        ...

Before Spark starts, ``start_session`` checks what would otherwise fail with pages of
Java output: pyspark installed, a ``java`` (``JAVA_HOME/bin/java``, else on ``PATH``),
a ``spark://`` master that answers, ``HADOOP_CONF_DIR``/``YARN_CONF_DIR`` for YARN.
It then sets, unless already set, ``PYSPARK_PYTHON`` and ``PYSPARK_DRIVER_PYTHON`` to
this interpreter (otherwise workers run the ``python3`` on ``PATH``) and, for a local
master, ``SPARK_LOCAL_IP=127.0.0.1`` (start-up dies when the host name does not
resolve); turns off the console progress bars (they flood logs) and Spark's start-up
notices (``data/spark-log4j2.properties``: errors only; ``-v`` warnings, ``-vv`` info);
and ships this package to the executors as a zip (``addPyFile``), so they run the same
code as the driver. An active session (a test's, a notebook's, ``spark-submit``'s) is
used as it is.
"""
from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import socket
import sys
import tempfile
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

from topics.errors import SparkError
from topics.settings import SparkSettings

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0       # seconds to wait for a spark:// master to answer
SPARK_LEVELS = {logging.DEBUG: "INFO", logging.INFO: "WARN"}   # else ERROR


def is_local(master: str) -> bool:
    return master.startswith("local")


def find_java() -> str | None:
    """The ``java`` Spark's launcher would run: ``$JAVA_HOME/bin/java`` when JAVA_HOME
    is set, else the one on ``PATH``."""
    home = os.environ.get("JAVA_HOME")
    if home:
        java = Path(home, "bin", "java")
        return str(java) if java.is_file() and os.access(java, os.X_OK) else None
    return shutil.which("java")


def check_java() -> None:
    if find_java() is not None:
        return
    home = os.environ.get("JAVA_HOME")
    where = (f"JAVA_HOME={home} has no bin/java" if home
             else "there is no `java` on PATH and JAVA_HOME is not set")
    raise SparkError(f"Spark needs Java 17 or 21, and {where}; install a JRE (e.g. "
                     "apt-get install openjdk-17-jre-headless) or set JAVA_HOME")


def check_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkError("running on Spark needs pyspark, which is not installed; "
                         "pip install 'topics[spark]'") from None


def _hosts(master: str) -> list[tuple[str, int]]:
    """``spark://a:7077,b:7077`` -> [("a", 7077), ("b", 7077)]."""
    out = []
    for part in master[len("spark://"):].split(","):
        host, _, port = part.rpartition(":")
        out.append((host.strip("[]"), int(port)))
    return out


def check_cluster(master: str) -> None:
    """Fail fast, in one line, when the cluster cannot be reached."""
    if master.startswith("spark://"):
        problems = []
        for host, port in _hosts(master):
            try:
                socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
                return
            except OSError as exc:
                problems.append(f"{host}:{port}: {exc.strerror or exc}")
        raise SparkError(f"cannot reach the Spark master {master} "
                         f"({'; '.join(problems)}); check the address and that the "
                         "cluster is running")
    if master == "yarn" and not (os.environ.get("HADOOP_CONF_DIR")
                                 or os.environ.get("YARN_CONF_DIR")):
        raise SparkError("master 'yarn' needs HADOOP_CONF_DIR or YARN_CONF_DIR set to "
                         "the folder of the cluster's configuration files")


def prepare_environment(master: str) -> None:
    """The environment variables Spark's launcher and workers read (unless set)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if is_local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")


@lru_cache(maxsize=1)
def package_zip() -> Path:
    """This package (code and word lists, not the shipped models: the classifier is
    broadcast) as a zip the executors import, made once per process."""
    import topics

    root = Path(topics.__file__).resolve().parent
    folder = Path(tempfile.mkdtemp(prefix="topics-spark-"))
    atexit.register(shutil.rmtree, folder, True)
    target = folder / "topics.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts \
                    and path.suffix not in (".pyc", ".pyo"):
                zf.write(path, Path("topics") / path.relative_to(root))
    return target


def _log_config() -> str:
    from importlib import resources

    return str(resources.files("topics.data").joinpath("spark-log4j2.properties"))


def session_conf(settings: SparkSettings) -> dict[str, str]:
    """What the package sets on a new session; ``settings.conf`` entries win."""
    conf = {"spark.app.name": "topics", "spark.ui.showConsoleProgress": "false",
            "spark.driver.extraJavaOptions":
                f"-Dlog4j2.configurationFile=file:{_log_config()}"}
    return {**conf, **settings.conf_pairs}


def active_session():
    """The session already running in this process, or None."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def start_session(settings: SparkSettings):
    """A new session on ``settings.master`` (see the module docstring)."""
    master = settings.master
    check_pyspark()
    check_java()
    check_cluster(master)
    prepare_environment(master)
    with warnings.catch_warnings():
        # "does not yet fully support pandas >= 3": the package uses no pandas UDFs
        warnings.filterwarnings("ignore", message=".*pandas", category=FutureWarning)
        from pyspark.sql import SparkSession

        builder = SparkSession.builder.master(master)
        for key, value in session_conf(settings).items():
            builder = builder.config(key, value)
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # noqa: BLE001 - the JVM fails in many ways
            raise SparkError(f"Spark did not start on {master} ({short_message(exc)}); "
                             "check JAVA_HOME (Java 17 or 21) and the master, and run "
                             "with -vv for Spark's own messages") from None
    level = logging.getLogger().getEffectiveLevel()
    spark.sparkContext.setLogLevel(SPARK_LEVELS.get(level, "ERROR"))
    if settings.ship:
        spark.sparkContext.addPyFile(str(package_zip()))
    log.info("Spark %s on %s, default parallelism %d", spark.version, master,
             spark.sparkContext.defaultParallelism)
    return spark


def short_message(exc: BaseException, limit: int = 300) -> str:
    """The first line of a (Java) exception's message, without its stack trace."""
    text = str(exc).strip()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("at ", "An error occurred while calling")):
            text = line
            break
    text = text.removeprefix(": ")
    return text if len(text) <= limit else text[:limit] + "…"


def _is_spark_failure(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return module.startswith(("py4j", "pyspark"))


@contextlib.contextmanager
def spark_session(settings: SparkSettings):
    """The active session, or a new one (stopped on exit). A failure inside Spark (a
    lost executor, an unreadable input, a failed task) becomes one ``SparkError``."""
    spark = active_session()
    started = spark is None
    if started:
        spark = start_session(settings)
    elif settings.master and spark.sparkContext.master != settings.master:
        log.warning("using the Spark session already running on %s, not %s",
                    spark.sparkContext.master, settings.master)
    try:
        yield spark
    except Exception as exc:
        if _is_spark_failure(exc):
            raise SparkError(f"Spark failed: {short_message(exc)}") from exc
        raise
    finally:
        if started:
            spark.stop()


PARTITION_TEXT = 32 * 2**20     # bytes of (uncompressed) text per partition at most
GZIP_RATIO = 4                  # a .gz file's text is about this many times its size


def default_partitions(spark, settings: SparkSettings, sizes=()) -> int:
    """``settings.partitions``, or three per core of the cluster, and more when the
    input is large: at most ``PARTITION_TEXT`` bytes of text in each (``sizes``: the
    input files' ``(name, size)``), so that no task holds more than an executor's
    memory can (one big partition per core ran a 1 GB local driver out of heap)."""
    if settings.partitions:
        return settings.partitions
    text = sum(size * (GZIP_RATIO if str(name).lower().endswith(".gz") else 1)
               for name, size in sizes)
    return max(3 * spark.sparkContext.defaultParallelism, -(-text // PARTITION_TEXT))
