SELECT count(*) = 300 FROM log_lines WHERE len = length(line);
