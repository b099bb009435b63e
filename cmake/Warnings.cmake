# shiftsim_set_warnings(target): the project's warning set, applied per target.
function(shiftsim_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(SHIFTSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
