# -DLUOHU_SANITIZE=ON: every target built with AddressSanitizer and
# UndefinedBehaviorSanitizer (CI runs the test suite this way, with the fuzz flags:
# .ci/run). Applied at the end of configuration so targets
# added by later modules are covered too.
# The default comes from the environment so that CI can run the README's test
# command unchanged with LUOHU_SANITIZE=ON (see .ci/run).
option(LUOHU_SANITIZE "Build everything with -fsanitize=address,undefined" "$ENV{LUOHU_SANITIZE}")
if(LUOHU_SANITIZE)
  # Every target of the top directory and of engine/ (the libraries and the CLI live there).
  # Unoptimised, with line tables only: CI builds once and runs once, and -O1 doubled the
  # engine's compile time (rules/loader.cpp 14 s -> 33 s, parser.cpp 15 -> 23 s, clang 14).
  function(luohu_sanitize_all_targets)
    foreach(dir ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/engine)
      get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
      foreach(target ${targets})
        get_target_property(type ${target} TYPE)
        if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|MODULE_LIBRARY)$")
          target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                                                   -fno-omit-frame-pointer $<$<CXX_COMPILER_ID:Clang>:-gline-tables-only>)
          target_link_options(${target} PRIVATE -fsanitize=address,undefined)
        endif()
      endforeach()
    endforeach()
  endfunction()
  cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL luohu_sanitize_all_targets)
endif()
