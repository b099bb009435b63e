deployment_config {
  blue_green_update_policy {
    traffic_routing_configuration {
      type                     = "LINEAR"
      wait_interval_in_seconds = 300
      linear_step_size {
        type  = "CAPACITY_PERCENT"
        value = 20
      }
    }
    maximum_execution_timeout_in_seconds = 7200
  }
  auto_rollback_configuration {
    alarms {
      alarm_name = "my-endpoint-5xx"
    }
  }
}
