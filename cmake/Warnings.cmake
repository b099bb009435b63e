# shiftsim_set_warnings(target): the project's warning set, applied per target.
# (-Wnull-dereference is left out: at -O3 GCC 12 reports false positives inside nlohmann/json.)
function(shiftsim_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(SHIFTSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12's flow-based diagnostics give false positives at -O3 inside libstdc++ and
      # nlohmann/json (GCC bugs 105705, 105651, 107138): still shown, not fatal.
      target_compile_options(${target} PRIVATE -Wno-error=array-bounds -Wno-error=restrict
        -Wno-error=stringop-overflow -Wno-error=maybe-uninitialized)
    endif()
  endif()
endfunction()
