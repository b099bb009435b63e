deployment_config {
  blue_green_update_policy {
    traffic_routing_configuration {
      type                     = "ALL_AT_ONCE"
      wait_interval_in_seconds = 300
    }
    termination_wait_in_seconds          = 120
    maximum_execution_timeout_in_seconds = 1800
  }
  auto_rollback_configuration {
    alarms {
      alarm_name = "my-endpoint-5xx"
    }
  }
}
