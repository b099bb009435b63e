# cmake -DSRC=<source dir> -P tests/check_codes.cmake
# Fails when an error, warning or note code ("E_..." / "W_..." / "N_...") is spelled as a string literal in the
# engine or the CLI anywhere but engine/include/shiftsim/codes.hpp: codes are raised and tested
# through its constants (error_code::, warning_code::). scripts/use_code_constants.py fixes a file.
file(GLOB_RECURSE sources ${SRC}/engine/src/*.cpp ${SRC}/engine/src/*.hpp
                          ${SRC}/engine/include/*.hpp ${SRC}/cli/*.cpp ${SRC}/cli/*.hpp)
set(offenders "")  # one "file: line" per hit (a string: the lines hold semicolons)
foreach(f ${sources})
  if(f MATCHES "/codes\\.hpp$")
    continue()
  endif()
  file(STRINGS ${f} hits REGEX "\"[EWN]_[A-Z0-9_]+\"")
  foreach(line ${hits})
    string(STRIP "${line}" line)
    string(APPEND offenders "\n  ${f}: ${line}")
  endforeach()
endforeach()
list(LENGTH sources n)
if(n LESS 50)
  message(FATAL_ERROR "found only ${n} source files under ${SRC}: wrong SRC?")
endif()
if(NOT offenders STREQUAL "")
  message(FATAL_ERROR "code literals outside engine/include/shiftsim/codes.hpp:${offenders}")
endif()
message(STATUS "no code literal outside codes.hpp in ${n} files")
