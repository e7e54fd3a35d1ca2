"""The package's pipeline on Apache Spark (``--spark MASTER``, ``[spark] master``).

One code path: the executors run the package's own functions, not a second
implementation. Files are read as bytes with ``binaryFiles`` (local paths or any
Hadoop-compatible URI: ``hdfs://``, ``s3a://`` …) and handed to the same readers the
local commands use (``topics.corpus.ingest.read_file`` for a page or WARC file,
``record_jobs`` + ``run_job`` for the records of a JSONL/CSV/Parquet file); paragraphs
are segmented by the same ``Segmenter`` and labelled by the same ``label_articles``
with the same classifier, broadcast to the executors. Only the scheduling differs, so
the articles, tokens and labels are those of the single-machine run (tested).

* ``session``: environment, checks (Java, pyspark, the cluster), one session, the
  package shipped to the executors;
* ``files``: listing inputs through Hadoop's file system, in the local order;
* ``read``: files -> articles (``SparkCorpus``), balanced over partitions;
* ``steps``: units, segmentation and labelling on the executors;
* ``write``: partitioned Parquet or JSONL output folders, replaced atomically;
* ``discover``: tokens and CountVectorizer on the cluster, then ``fit_topics``.

The LDA engine ``engine="spark"`` (MLlib online LDA) is
``topics.topicmodel.spark_engine``. Nothing here imports pyspark at import time.
"""
