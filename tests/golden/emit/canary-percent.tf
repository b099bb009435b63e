deployment_config {
  blue_green_update_policy {
    traffic_routing_configuration {
      type                     = "CANARY"
      wait_interval_in_seconds = 600
      canary_size {
        type  = "CAPACITY_PERCENT"
        value = 10
      }
    }
    termination_wait_in_seconds          = 300
    maximum_execution_timeout_in_seconds = 3600
  }
  auto_rollback_configuration {
    alarms {
      alarm_name = "my-endpoint-5xx"
    }
  }
}
