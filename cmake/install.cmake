# Install and package (issue 19): luohu in bin/, its data in share/luohu/
# (registry/, rules/, docs/), found at run time relative to the binary
# (engine/check/setup.cpp). The build tree gets the same shape at configure
# time, so build/luohu finds build/share/luohu/ without a path compiled in.
include(GNUInstallDirs)
set(LUOHU_DATA_PARTS registry rules docs)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/share/luohu)
foreach(part ${LUOHU_DATA_PARTS})
  if(NOT EXISTS ${CMAKE_BINARY_DIR}/share/luohu/${part})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${part} ${CMAKE_BINARY_DIR}/share/luohu/${part} SYMBOLIC)
  endif()
endforeach()

install(TARGETS luohu RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES registry/cities.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/luohu/registry)
install(DIRECTORY rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/luohu/rules)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/luohu/docs)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Shell completions and the man page, generated from the CLI11 definitions by the binary just built:
# in English whatever the build machine's locale, and the man page in Chinese too (man-db finds it by locale).
set(LUOHU_GEN ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${LUOHU_GEN}/luohu.bash ${LUOHU_GEN}/_luohu ${LUOHU_GEN}/luohu.fish ${LUOHU_GEN}/luohu.1 ${LUOHU_GEN}/zh_CN/luohu.1
  COMMAND ${CMAKE_COMMAND} -E make_directory ${LUOHU_GEN}/zh_CN
  COMMAND $<TARGET_FILE:luohu> --lang en completion bash > ${LUOHU_GEN}/luohu.bash
  COMMAND $<TARGET_FILE:luohu> --lang en completion zsh > ${LUOHU_GEN}/_luohu
  COMMAND $<TARGET_FILE:luohu> --lang en completion fish > ${LUOHU_GEN}/luohu.fish
  COMMAND $<TARGET_FILE:luohu> --lang en man > ${LUOHU_GEN}/luohu.1
  COMMAND $<TARGET_FILE:luohu> --lang zh man > ${LUOHU_GEN}/zh_CN/luohu.1
  DEPENDS luohu VERBATIM)
add_custom_target(luohu-completions ALL DEPENDS ${LUOHU_GEN}/luohu.bash ${LUOHU_GEN}/_luohu ${LUOHU_GEN}/luohu.fish ${LUOHU_GEN}/luohu.1
                                                ${LUOHU_GEN}/zh_CN/luohu.1)
install(FILES ${LUOHU_GEN}/luohu.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME luohu)
install(FILES ${LUOHU_GEN}/_luohu DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${LUOHU_GEN}/luohu.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${LUOHU_GEN}/luohu.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${LUOHU_GEN}/zh_CN/luohu.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/zh_CN/man1)

set(CPACK_PACKAGE_NAME luohu)
set(CPACK_PACKAGE_VENDOR "luohu")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Checks Chinese cities' settlement (落户) policies against the national plan")
set(CPACK_PACKAGE_CONTACT "luohu maintainers <luohu@localhost>")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
find_program(LUOHU_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(LUOHU_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries luohu links (yaml-cpp, TBB, OpenSSL, fmt)
endif()
include(CPack)

if(LUOHU_BUILD_TESTS)
  # Install into a fresh prefix, move it, check an example from outside any checkout.
  add_test(NAME install.relocated
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/install/relocated.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR} visible)
  add_test(NAME install.relocated_no_source
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/install/relocated.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR} hidden)
  add_test(NAME install.deb
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/install/deb.sh ${CMAKE_BINARY_DIR})
  # The completions load in each shell and offer what --help lists; the man page renders.
  foreach(shell bash zsh fish man man_zh)
    add_test(NAME install.completions_${shell}
             COMMAND sh ${CMAKE_SOURCE_DIR}/tests/install/completions.sh $<TARGET_FILE:luohu> ${CMAKE_BINARY_DIR}/generated ${shell})
    set_tests_properties(install.completions_${shell} PROPERTIES SKIP_RETURN_CODE 77)
  endforeach()
  set_tests_properties(install.relocated install.relocated_no_source install.deb PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 300 RESOURCE_LOCK install)
endif()
