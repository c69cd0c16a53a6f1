"""婚姻登记预约: marriage, divorce and certificate-reissue appointments."""
