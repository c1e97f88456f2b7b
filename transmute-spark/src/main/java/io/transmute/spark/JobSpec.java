package io.transmute.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * Everything a task needs to translate its partition, sent from the driver.
 *
 * @param weights the weights as the user named them (a Hadoop path or URI)
 * @param weightsName the weights' file name, under which {@code SparkContext.addFile} shipped them
 * @param weightsSha256 their checksum: the model cache's key
 * @param inputRoot qualified path of the folder that relative output paths start from
 * @param outputDir qualified output folder
 * @param options what to do
 * @param hadoopConf the driver's Hadoop settings (credentials and file-system options travel with them)
 */
record JobSpec(String weights, String weightsName, String weightsSha256, String inputRoot, String outputDir,
        SparkTranslationOptions options, Map<String, String> hadoopConf) implements Serializable {
}
