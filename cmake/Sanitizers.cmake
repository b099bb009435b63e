# shiftsim_enable_sanitizers(target): ASan + UBSan when SHIFTSIM_SANITIZE is on.
# Every UBSan finding aborts (-fno-sanitize-recover=all) so a test cannot pass over one.
function(shiftsim_enable_sanitizers target)
  if(SHIFTSIM_SANITIZE)
    target_compile_options(${target} PRIVATE
      -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    target_compile_definitions(${target} PRIVATE SHIFTSIM_SANITIZED)
  endif()
endfunction()
