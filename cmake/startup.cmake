# Start-up time (docs/cache.md): yaml-cpp and libcrypto linked statically.
# Relocating their shared objects cost ~5 ms of every luohu run on the project
# VM (5,542 symbol and 20,014 relative relocations at start, 2,026 and 3,122
# without them). fmt and oneTBB ship no static archive in Debian 12.
option(LUOHU_STATIC_DEPS "Link yaml-cpp and libcrypto statically" ON)
if(LUOHU_STATIC_DEPS)
  find_library(LUOHU_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a)
  find_library(LUOHU_CRYPTO_ARCHIVE NAMES libcrypto.a)
  if(LUOHU_YAML_CPP_ARCHIVE AND LUOHU_CRYPTO_ARCHIVE AND TARGET yaml-cpp AND TARGET OpenSSL::Crypto)
    set_target_properties(yaml-cpp PROPERTIES IMPORTED_LOCATION_NONE "${LUOHU_YAML_CPP_ARCHIVE}"
                                              IMPORTED_LOCATION "${LUOHU_YAML_CPP_ARCHIVE}")
    set_target_properties(OpenSSL::Crypto PROPERTIES IMPORTED_LOCATION "${LUOHU_CRYPTO_ARCHIVE}")
    get_target_property(crypto_release OpenSSL::Crypto IMPORTED_LOCATION_RELEASE)
    if(crypto_release)
      set_target_properties(OpenSSL::Crypto PROPERTIES IMPORTED_LOCATION_RELEASE "${LUOHU_CRYPTO_ARCHIVE}")
    endif()
  endif()
endif()
