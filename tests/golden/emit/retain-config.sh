aws sagemaker update-endpoint --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 --retain-deployment-config
