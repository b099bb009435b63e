deployment_config {
  rolling_update_policy {
    maximum_batch_size {
      type  = "INSTANCE_COUNT"
      value = 2
    }
    wait_interval_in_seconds             = 600
    maximum_execution_timeout_in_seconds = 14400
    rollback_maximum_batch_size {
      type  = "INSTANCE_COUNT"
      value = 4
    }
  }
  auto_rollback_configuration {
    alarms {
      alarm_name = "my-endpoint-5xx"
    }
  }
}
