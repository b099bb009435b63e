# The request has no DeploymentConfig: aws_sagemaker_endpoint needs no deployment_config block.
