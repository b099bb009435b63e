deployment_config {
  rolling_update_policy {
    maximum_batch_size {
      type  = "CAPACITY_PERCENT"
      value = 25
    }
    wait_interval_in_seconds             = 600
    maximum_execution_timeout_in_seconds = 20000
    rollback_maximum_batch_size {
      type  = "CAPACITY_PERCENT"
      value = 50
    }
  }
  auto_rollback_configuration {
    alarms {
      alarm_name = "my-endpoint-5xx"
    }
  }
}
